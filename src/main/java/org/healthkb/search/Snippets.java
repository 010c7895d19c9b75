package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.SplittingBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.healthkb.index.Analyzers;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Best fragments of passages with the matched words marked. The passage text is stored, not indexed
 * on its own, so the highlighter re-analyses it and accepts the terms the query matched in the
 * combined field. Escaping is on: guide text can never inject markup into a results page.
 */
final class Snippets {
    private static final Set<String> MATCHED_FIELDS = Set.of(Fields.ALL, Fields.TITLE, Fields.HEADINGS, Fields.TEXT);
    private static final int SENTENCES = 2;
    /** Analyzers are thread-safe and reuse their token streams, so one serves every request. */
    private static final Analyzer INDEX_ANALYZER = Analyzers.index();

    private Snippets() {
    }

    static String[] of(IndexSearcher searcher, Query query, int[] docIds) throws IOException {
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, INDEX_ANALYZER)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "\u2026 ", true))
                // Sentences, and every line of a list or table row on its own.
                .withBreakIterator(() -> new SplittingBreakIterator(BreakIterator.getSentenceInstance(Locale.ROOT), '\n'))
                .withFieldMatcher(MATCHED_FIELDS::contains)
                .withMaxNoHighlightPassages(1)
                .withWeightMatches(false)
                .build();
        Map<String, String[]> snippets = highlighter.highlightFields(new String[] {Fields.TEXT}, query, docIds,
                new int[] {SENTENCES});
        return snippets.get(Fields.TEXT);
    }
}

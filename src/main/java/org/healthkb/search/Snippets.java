package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.SplittingBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.healthkb.index.Analyzers;
import org.apache.lucene.util.BytesRef;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Best fragments of passages with the matched words marked. The passage text is stored, not indexed
 * on its own, so the highlighter re-analyses it and accepts the terms the query matched in the
 * combined field. Escaping is on: guide text can never inject markup into a results page.
 */
public final class Snippets {
    private static final Set<String> MATCHED_FIELDS = Set.of(Fields.ALL, Fields.TITLE, Fields.HEADINGS, Fields.TEXT);
    private static final int SENTENCES = 2;
    /** Analyzers are thread-safe and reuse their token streams, so one serves every request. */
    private static final Analyzer INDEX_ANALYZER = Analyzers.index();

    private Snippets() {
    }

    /**
     * Snippets of texts an engine other than the embedded index returned, marked for {@code query} as
     * there. The highlighter re-analyses the texts it is given, so an index of empty documents serves
     * for its searcher: it only has to have as many documents as there are texts.
     */
    public static String[] of(Query query, String[] texts) throws IOException {
        String[] snippets = new String[texts.length];
        IndexSearcher searcher = new IndexSearcher(EmptyDocuments.READER);
        for (int from = 0; from < texts.length; from += EmptyDocuments.COUNT) {
            String[] chunk = Arrays.copyOfRange(texts, from, Math.min(texts.length, from + EmptyDocuments.COUNT));
            System.arraycopy(of(searcher, query, IntStream.range(0, chunk.length).toArray(), chunk), 0, snippets, from,
                    chunk.length);
        }
        return snippets;
    }

    /** An index of empty documents, built once, for {@link #of(Query, String[])}. */
    private static final class EmptyDocuments {
        static final int COUNT = 1024;
        static final IndexReader READER = build();

        /** The directory stays open as long as its reader: both live as long as the JVM, a few kilobytes. */
        private static IndexReader build() {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
                for (int i = 0; i < COUNT; i++) {
                    writer.addDocument(new Document());
                }
                writer.forceMerge(1);
                writer.commit();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            try {
                return DirectoryReader.open(directory);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * @param texts the passages' texts, already read from the index for the hits: the highlighter is
     *              given them rather than reading each passage again
     */
    static String[] of(IndexSearcher searcher, Query query, int[] docIds, String[] texts) throws IOException {
        Map<Integer, String> textOf = new HashMap<>();
        for (int i = 0; i < docIds.length; i++) {
            textOf.put(docIds[i], texts[i]);
        }
        UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, INDEX_ANALYZER)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "\u2026 ", true))
                // Sentences, and every line of a list or table row on its own.
                .withBreakIterator(() -> new SplittingBreakIterator(BreakIterator.getSentenceInstance(Locale.ROOT), '\n'))
                .withFieldMatcher(MATCHED_FIELDS::contains)
                .withMaxNoHighlightPassages(1)
                .withWeightMatches(false)
                // Re-analysing the passage as a token stream, rather than indexing it in memory first:
                // a third of the time and a tenth of the allocation of a search, for snippets that pick
                // the sentences with the most matches just the same.
                .withPassageRelevancyOverSpeed(false)
                .withScorer(new SentenceScorer());
        UnifiedHighlighter highlighter = new UnifiedHighlighter(builder) {
            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int cacheCharsThreshold)
                    throws IOException {
                List<CharSequence[]> values = new ArrayList<>();
                for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                    values.add(new CharSequence[] {textOf.get(doc)});
                }
                return values;
            }
        };
        return highlighter.highlightFields(new String[] {Fields.TEXT}, query, docIds, new int[] {SENTENCES}).get(Fields.TEXT);
    }

    /**
     * Lucene's passage score, computed the same way in the same order, without the 32 KB term hash
     * Lucene allocates for every sentence it scores (two thirds of all a search allocated): a sentence
     * matches a handful of terms, which a scan tells apart as well.
     */
    static final class SentenceScorer extends PassageScorer {
        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = new BytesRef[matches];
            int[] inPassage = new int[matches];
            int[] inDocument = new int[matches];
            int distinct = 0;
            for (int i = 0; i < matches; i++) {
                BytesRef term = passage.getMatchTerms()[i];
                int index = 0;
                while (index < distinct && !terms[index].bytesEquals(term)) {
                    index++;
                }
                if (index == distinct) {
                    terms[distinct++] = term;
                    inDocument[index] = passage.getMatchTermFreqsInDoc()[i];
                }
                inPassage[index]++;
            }
            double score = 0;
            for (int i = 0; i < distinct; i++) {
                score += tf(inPassage[i], passage.getLength()) * weight(contentLength, inDocument[i]);
            }
            return (float) (score * norm(passage.getStartOffset()));
        }
    }
}

package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.suggest.InputIterator;
import org.apache.lucene.search.suggest.Lookup.LookupResult;
import org.apache.lucene.search.suggest.analyzing.AnalyzingInfixSuggester;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.healthkb.index.Analyzers;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.regex.Pattern;

/**
 * Completions for the search box, from guide titles, section headings, provider names and phrases
 * that recur in the passages, using Lucene's {@link AnalyzingInfixSuggester} so a prefix of any word
 * matches ("flex" finds "Why Dose Flexibility Is Critical for TRD"). Built once per index commit.
 */
public final class Suggestions {
    private static final long TITLE_WEIGHT = 1000;
    private static final long HEADING_WEIGHT = 100;
    private static final long NAME_WEIGHT = 50;
    /** A phrase must appear in at least this many passages to be suggested. */
    private static final int MIN_PHRASE_PASSAGES = 2;
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[\\n.,;:!?()\"\u201c\u201d\u2014\u2013\u00b7]+");
    private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}'-]+");
    private static final Pattern EDGE_MARKS = Pattern.compile("^[-']+|[-']+$");

    private final AnalyzingInfixSuggester suggester;

    private Suggestions(AnalyzingInfixSuggester suggester) {
        this.suggester = suggester;
    }

    /** What completions are drawn from, fed by an engine: titles, provider names, passages. */
    public static final class Texts {
        private final Map<String, Long> entries = new LinkedHashMap<>();
        private final Map<String, Integer> phrases = new LinkedHashMap<>();

        public void guideTitle(String title) {
            entries.merge(title, TITLE_WEIGHT, Math::max);
        }

        public void providerName(String name) {
            entries.merge(name, NAME_WEIGHT, Math::max);
        }

        /** A passage's headings below the guide title become completions, and phrases recurring in texts do. */
        public void passage(List<String> headingPath, String text) {
            for (int i = 1; i < headingPath.size(); i++) {
                entries.merge(headingPath.get(i), HEADING_WEIGHT, Math::max);
            }
            countPhrases(text, phrases);
        }

        /** In text order, so ties of weight come back in the same order whatever order an engine read them in. */
        private Map<String, Long> entries() {
            Map<String, Long> all = new TreeMap<>(entries);
            phrases.forEach((phrase, count) -> {
                if (count >= MIN_PHRASE_PASSAGES) {
                    all.merge(phrase, (long) count, Math::max);
                }
            });
            return all;
        }
    }

    public static Suggestions build(Texts texts) throws IOException {
        Map<String, Long> entries = texts.entries();
        Analyzer analyzer = Analyzers.vocabulary();
        AnalyzingInfixSuggester suggester = new AnalyzingInfixSuggester(new ByteBuffersDirectory(), analyzer, analyzer,
                1, false, true, false);
        suggester.build(new Entries(entries));
        return new Suggestions(suggester);
    }

    public List<String> lookup(String prefix, int limit) throws IOException {
        if (suggester.getCount() == 0) {
            return List.of();
        }
        List<LookupResult> results = suggester.lookup(prefix, (Set<BytesRef>) null, limit, true, false);
        return results.stream().map(r -> r.key.toString()).distinct().toList();
    }

    /** Feeds the embedded index's guide titles, provider names and passages to {@code texts}. */
    static void collect(IndexSearcher searcher, Texts texts) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        StoredFields stored = reader.storedFields();
        for (String type : List.of(Fields.TYPE_GUIDE, Fields.TYPE_PASSAGE, Fields.TYPE_PROVIDER)) {
            TermQuery query = new TermQuery(new Term(Fields.TYPE, type));
            Set<String> fields = switch (type) {
                case Fields.TYPE_GUIDE -> Set.of(Fields.GUIDE_TITLE);
                case Fields.TYPE_PROVIDER -> Set.of(Fields.NAME);
                default -> Set.of(Fields.HEADING_PATH, Fields.TEXT);
            };
            for (ScoreDoc hit : searcher.search(query, Math.max(1, reader.maxDoc())).scoreDocs) {
                Document doc = stored.document(hit.doc, fields);
                switch (type) {
                    case Fields.TYPE_GUIDE -> texts.guideTitle(doc.get(Fields.GUIDE_TITLE));
                    case Fields.TYPE_PROVIDER -> texts.providerName(doc.get(Fields.NAME));
                    default -> texts.passage(List.of(doc.getValues(Fields.HEADING_PATH)), doc.get(Fields.TEXT));
                }
            }
        }
    }

    /**
     * Counts each two- and three-word run of content words once per passage. Runs never cross a line
     * or punctuation, so table cells and list items do not run into each other.
     */
    private static void countPhrases(String text, Map<String, Integer> phrases) {
        Set<String> seen = new HashSet<>();
        for (String clause : CLAUSE_BREAK.split(text.toLowerCase(Locale.ROOT))) {
            List<String> words = new ArrayList<>();
            for (String word : WORD_BREAK.split(clause)) {
                words.add(EDGE_MARKS.matcher(word).replaceAll(""));
            }
            // Length of the run of content words ending at each word, so each candidate phrase is checked in O(1).
            int[] run = new int[words.size()];
            for (int i = 0; i < words.size(); i++) {
                run[i] = isContentWord(words.get(i)) ? (i == 0 ? 1 : run[i - 1] + 1) : 0;
            }
            for (int n = 2; n <= 3; n++) {
                for (int end = n - 1; end < words.size(); end++) {
                    if (run[end] >= n) {
                        String phrase = String.join(" ", words.subList(end - n + 1, end + 1));
                        if (seen.add(phrase)) {
                            phrases.merge(phrase, 1, Integer::sum);
                        }
                    }
                }
            }
        }
    }

    private static boolean isContentWord(String word) {
        return word.length() > 2 && !Analyzers.QUESTION_WORDS.contains(word)
                && !EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word);
    }

    private static final class Entries implements InputIterator {
        private final Iterator<Map.Entry<String, Long>> entries;
        private Map.Entry<String, Long> current;

        Entries(Map<String, Long> entries) {
            this.entries = entries.entrySet().iterator();
        }

        @Override
        public BytesRef next() {
            if (!entries.hasNext()) {
                return null;
            }
            current = entries.next();
            return new BytesRef(current.getKey());
        }

        @Override
        public long weight() {
            return current.getValue();
        }

        @Override
        public BytesRef payload() {
            return null;
        }

        @Override
        public boolean hasPayloads() {
            return false;
        }

        @Override
        public Set<BytesRef> contexts() {
            return null;
        }

        @Override
        public boolean hasContexts() {
            return false;
        }
    }
}

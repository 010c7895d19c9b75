package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.healthkb.index.Analyzers;
import org.healthkb.index.Documents;
import org.healthkb.index.Fields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a {@link UserQuery} into a Lucene query, following {@link Ranking}:
 * <ul>
 *   <li>the words score by BM25 on the combined field, plus smaller boosts for title and headings;</li>
 *   <li>question words are dropped and synonyms expanded (multi-word ones as phrases) by the query analyzer;</li>
 *   <li>a word missing from the index may match indexed words within its edit budget, at reduced weight,
 *       so a typo never outranks an exact match and a synonym is never typo-expanded;</li>
 *   <li>each pair of adjacent words found close together adds weight (proximity);</li>
 *   <li>quoted phrases must match as phrases;</li>
 *   <li>a question equal to a heading ranks that heading's passages first.</li>
 * </ul>
 * Build one per request: it reads which terms one view of the content has.
 */
final class QueryFactory {
    private static final Analyzer PHRASE_ANALYZER = new EnglishAnalyzer();
    /** The reader's own words, without synonyms: what proximity compares. */
    private static final Analyzer WORDS_OF_QUESTIONS = Analyzers.query(null, true);
    private static final Analyzer WORDS_OF_KEYWORDS = Analyzers.query(null, false);

    private final Ranking ranking;
    private final SearchView view;
    /** The unknown words given typo tolerance so far, in question order. */
    private final Set<String> typoWords = new HashSet<>();

    QueryFactory(Ranking ranking, SearchView view) {
        this.ranking = ranking;
        this.view = view;
    }

    /**
     * The passage query. Without quoted
     * phrases it is one flat disjunction of every scoring clause (each word in the combined field, in
     * the title and in the headings, each adjacent pair found close together, the exact heading): a
     * passage scores the same sum as with the clauses nested, but Lucene's MaxScore can skip the
     * passages that cannot reach the top instead of scoring every passage with a common word (four
     * times faster at 40,000 passages; see BENCHMARKS.md). No clause needs a filter: only passages
     * have these fields, and each clause matches only where one of the words does. Quoted phrases
     * must all match, so with them the words stay one required clause beside them.
     * <p>
     * Snippets mark matches with the words and the quoted phrases alone: pairs of words close
     * together only add weight, and given to the highlighter they would have it index every shown
     * passage in memory to find them, for marks the words get anyway.
     *
     * @return the ranking and highlighting queries, or null when the question has no searchable word
     */
    PassageQuery passages(UserQuery query) {
        Query words = words(query.words());
        List<Query> phrases = phrases(query);
        if (words == null && phrases.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder highlighting = new BooleanQuery.Builder();
        if (words != null) {
            highlighting.add(words, Occur.SHOULD);
        }
        phrases.forEach(phrase -> highlighting.add(phrase, Occur.SHOULD));
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        if (phrases.isEmpty()) {
            addAsClauses(builder, words, 1f);
        } else {
            if (words != null) {
                builder.add(words, Occur.MUST);
            }
            phrases.forEach(phrase -> builder.add(phrase, Occur.MUST));
        }
        if (words != null) {
            addProximity(builder, query.words());
        }
        String heading = Documents.normaliseHeading(query.plainText());
        if (ranking.exactHeadingBoost() > 0 && !heading.isEmpty()) {
            builder.add(boost(new TermQuery(new Term(Fields.HEADING_EXACT, heading)), ranking.exactHeadingBoost()), Occur.SHOULD);
        }
        return new PassageQuery(builder.build(), highlighting.build());
    }

    /** The terms {@link #passages} and {@link #missingWords} will ask the view about, for {@link SearchView#expect}. */
    List<Term> termsAskedFor(UserQuery query) {
        List<Term> terms = new ArrayList<>();
        if (query.words().isBlank()) {
            return terms;
        }
        try (TokenStream stream = view.queryAnalyzer(ranking.dropQuestionWords()).tokenStream(Fields.ALL, query.words())) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                for (String field : List.of(Fields.ALL, Fields.TITLE, Fields.HEADINGS)) {
                    terms.add(new Term(field, term.toString()));
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** What ranks passages, and what marks their matches in snippets. */
    record PassageQuery(Query ranking, Query highlighting) {
    }

    private static List<Query> phrases(UserQuery query) {
        QueryBuilder builder = new QueryBuilder(PHRASE_ANALYZER);
        return query.phrases().stream().map(phrase -> builder.createPhraseQuery(Fields.ALL, phrase))
                .filter(Objects::nonNull).toList();
    }

    /**
     * Adds {@code query} to {@code builder} as optional clauses, inlining nested disjunctions and
     * multiplying boosts through: a disjunction scores the sum of its clauses, and BM25 is linear in
     * the boost, so every passage keeps its score.
     */
    private static void addAsClauses(BooleanQuery.Builder builder, Query query, float boost) {
        if (query instanceof BoostQuery boosted) {
            addAsClauses(builder, boosted.getQuery(), boost * boosted.getBoost());
        } else if (query instanceof BooleanQuery bool && bool.getMinimumNumberShouldMatch() == 0
                && bool.clauses().stream().allMatch(clause -> clause.occur() == Occur.SHOULD)) {
            bool.clauses().forEach(clause -> addAsClauses(builder, clause.query(), boost));
        } else {
            builder.add(boost(query, boost), Occur.SHOULD);
        }
    }

    /**
     * The words of {@code words} that nothing in the index matches, as typed: not the word, nor a
     * synonym of it, nor a word within its typo budget. Question words do not count. A multi-word
     * synonym that matches covers every word it spans, so "selective serotonin reuptake inhibitor"
     * is not missing where "SSRI" is indexed.
     */
    List<String> missingWords(String words) {
        if (words.isBlank()) {
            return List.of();
        }
        List<int[]> typed = new ArrayList<>();
        List<int[]> matched = new ArrayList<>();
        try (TokenStream stream = view.queryAnalyzer(ranking.dropQuestionWords()).tokenStream(Fields.ALL, words)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionLengthAttribute length = stream.addAttribute(PositionLengthAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                int[] span = {offset.startOffset(), offset.endOffset()};
                if (length.getPositionLength() == 1 && typed.stream().noneMatch(t -> Arrays.equals(t, span))) {
                    typed.add(span);
                }
                if (matchesSomething(new Term(Fields.ALL, term.toString()))) {
                    matched.add(span);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return typed.stream().filter(span -> matched.stream().noneMatch(m -> m[0] < span[1] && span[0] < m[1]))
                .map(span -> words.substring(span[0], span[1])).distinct().toList();
    }

    /** True when a passage has the term, or a term within its typo budget, as the query would match it. */
    private boolean matchesSomething(Term term) throws IOException {
        if (view.hasTerm(term)) {
            return true;
        }
        FuzzyQuery typos = typosOf(term);
        return typos != null && view.matchesAny(typos);
    }

    /**
     * The indexed words within a term's typo budget, as a query, or null where its length or the
     * ranking allows none, or where the question's first {@link QuestionBudget#MAX_TYPO_WORDS} unknown
     * words already have theirs (each is a walk of the term dictionary).
     */
    private FuzzyQuery typosOf(Term term) {
        int edits = ranking.editsFor(term.text().length());
        if (edits == 0 || ranking.typoBoost() <= 0 || ranking.typoMaxExpansions() <= 0) {
            return null;
        }
        if (!typoWords.contains(term.text())) {
            if (typoWords.size() >= QuestionBudget.MAX_TYPO_WORDS) {
                return null;
            }
            typoWords.add(term.text());
        }
        return new FuzzyQuery(term, edits, 1, ranking.typoMaxExpansions(), true);
    }

    private Query words(String words) {
        if (words.isBlank()) {
            return null;
        }
        Analyzer analyzer = view.queryAnalyzer(ranking.dropQuestionWords());
        if (terms(analyzer, words).isEmpty()) {
            // Only question words ("what is it"): search them rather than nothing.
            analyzer = PHRASE_ANALYZER;
        }
        TypoTolerantBuilder typoTolerant = new TypoTolerantBuilder(analyzer);
        Query all = typoTolerant.createBooleanQuery(Fields.ALL, words, Occur.SHOULD);
        if (all == null) {
            return null;
        }
        BooleanQuery.Builder fields = new BooleanQuery.Builder().add(all, Occur.SHOULD);
        addFieldBoost(fields, typoTolerant, Fields.TITLE, words, ranking.titleBoost());
        addFieldBoost(fields, typoTolerant, Fields.HEADINGS, words, ranking.headingsBoost());
        return fields.build();
    }

    private static void addFieldBoost(BooleanQuery.Builder fields, QueryBuilder builder, String field, String words, float boost) {
        if (boost > 0) {
            Query query = builder.createBooleanQuery(field, words, Occur.SHOULD);
            if (query != null) {
                fields.add(boost(query, boost), Occur.SHOULD);
            }
        }
    }

    private void addProximity(BooleanQuery.Builder builder, String words) {
        if (ranking.proximityBoost() <= 0) {
            return;
        }
        List<String> terms = terms(ranking.dropQuestionWords() ? WORDS_OF_QUESTIONS : WORDS_OF_KEYWORDS, words);
        for (int i = 0; i + 1 < terms.size(); i++) {
            if (!terms.get(i).equals(terms.get(i + 1))) {
                PhraseQuery pair = new PhraseQuery(ranking.proximitySlop(), Fields.ALL, terms.get(i), terms.get(i + 1));
                builder.add(boost(pair, ranking.proximityBoost()), Occur.SHOULD);
            }
        }
    }

    /** The analysed terms in order, taking only the first term at each position (no synonym branches). */
    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(Fields.ALL, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (increment.getPositionIncrement() > 0) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static Query boost(Query query, float boost) {
        return boost == 1f ? query : new BoostQuery(query, boost);
    }

    /**
     * Adds a down-weighted fuzzy alternative to each term the index does not contain, except terms
     * that come from synonym rules.
     */
    private final class TypoTolerantBuilder extends QueryBuilder {
        private final Set<String> synonymTerms = new HashSet<>();

        TypoTolerantBuilder(Analyzer analyzer) {
            super(analyzer);
            setAutoGenerateMultiTermSynonymsPhraseQuery(true);
        }

        @Override
        protected Query newTermQuery(Term term, float boost) {
            Query exact = super.newTermQuery(term, boost);
            FuzzyQuery typo = isKnown(term) ? null : typosOf(term);
            if (typo == null) {
                return exact;
            }
            return new BooleanQuery.Builder()
                    .add(exact, Occur.SHOULD)
                    .add(new BoostQuery(typo, ranking.typoBoost()), Occur.SHOULD)
                    .build();
        }

        /**
         * Alternatives of a multi-word synonym count once, as the best of them, not as their sum; and a
         * phrase alternative weighs about what one word does (a phrase's BM25 weight sums its words'
         * IDFs, which would let "treatment resistant depression" outweigh the "TRD" a reader typed).
         */
        @Override
        protected Query newGraphSynonymQuery(Iterator<Query> alternatives) {
            List<Query> queries = new ArrayList<>();
            alternatives.forEachRemaining(q -> queries.add(q instanceof PhraseQuery phrase && phrase.getTerms().length > 1
                    ? new BoostQuery(phrase, 1f / phrase.getTerms().length) : q));
            return queries.size() == 1 ? queries.getFirst() : new DisjunctionMaxQuery(queries, 0f);
        }

        @Override
        protected Query newSynonymQuery(String field, TermAndBoost[] terms) {
            for (TermAndBoost t : terms) {
                synonymTerms.add(t.term().utf8ToString());
            }
            return super.newSynonymQuery(field, terms);
        }

        private boolean isKnown(Term term) {
            if (synonymTerms.contains(term.text())) {
                return true;
            }
            try {
                return view.hasTerm(term);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

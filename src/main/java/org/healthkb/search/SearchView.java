package org.healthkb.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.healthkb.content.Passage;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.IndexSnapshot;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * One consistent view of the served content, for one request: what the ranking asks of an engine.
 * The ranking itself (question analysis, synonyms, typo tolerance, the BM25 + meaning blend,
 * diversity, did-you-mean, missing words, snippets) is the same for every engine; a view only stores
 * and retrieves. Passages are named by ints ({@link ScoreDoc#doc}) valid within the view: Lucene's
 * doc ids, or handles an engine hands out for its own ids.
 */
public interface SearchView {
    /** What the served commit records: synonyms, vectors' model, when it was written. */
    CommitRecord commit();

    /** How many guides, passages and providers are served. */
    IndexSnapshot.Contents contents();

    /** Changes with every commit, growing: answers cached under it are never stale. */
    long version();

    /** Question analysis with the served synonyms, dropping question words or keeping them. */
    Analyzer queryAnalyzer(boolean dropQuestionWords);

    /**
     * Says which terms {@link #hasTerm} is about to be asked about, so an engine for which each
     * question costs a request can answer them all in one. Nothing is promised: any term may be asked.
     * The terms are computed only by an engine that asks for them: the embedded index answers each
     * question in microseconds and never does.
     */
    default void expect(Supplier<Collection<Term>> terms) throws IOException {
    }

    /** True when some passage has {@code term} (in the combined field, or the vocabulary field). */
    boolean hasTerm(Term term) throws IOException;

    /** True when some passage matches {@code query} (a term's typo alternatives). */
    boolean matchesAny(Query query) throws IOException;

    /** The served word closest to {@code term} (vocabulary field) within {@code maxEdits}, or null. */
    String closestWord(Term term, int maxEdits) throws IOException;

    /**
     * The best {@code n} passages for {@code query}, equal scores in id order, and how many match:
     * exactly up to {@code exactTotalUpTo}, beyond it at least that many.
     */
    Top top(Query query, int n, int exactTotalUpTo, TimeBudget budget) throws IOException;

    record Top(List<ScoreDoc> docs, long total, boolean exact) {
    }

    /** Cosine similarity of the {@code k} passages nearest {@code question} (approximate, from the vector graph). */
    Map<Integer, Float> nearest(float[] question, int k) throws IOException;

    /** Exact cosine similarity of {@code docs} that have a vector; a passage still without one is left out. */
    Map<Integer, Float> cosines(List<Integer> docs, float[] question) throws IOException;

    /** How many of {@code docs} match {@code query}. */
    long matching(Query query, List<Integer> docs) throws IOException;

    /** Sorts by score, best first, equal scores by passage id. */
    void sortByScoreThenId(List<ScoreDoc> docs) throws IOException;

    /** The passage's guide and section ({@code slug#section}), for diversity. */
    String sectionKey(int doc) throws IOException;

    /** Which passages name a served provider in their text or headings. */
    IntPredicate namesAProvider() throws IOException;

    List<Passage> passages(List<ScoreDoc> docs) throws IOException;

    /** The best sentences of each passage ({@code texts}, in order) with {@code query}'s matches marked. */
    String[] snippets(Query query, List<ScoreDoc> docs, String[] texts) throws IOException;

    String id(int doc) throws IOException;

    Optional<GuidePage> guide(String slug) throws IOException;

    List<GuideSummary> guides() throws IOException;
}

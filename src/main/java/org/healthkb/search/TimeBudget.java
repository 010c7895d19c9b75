package org.healthkb.search;

import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.time.Duration;

/**
 * The wall time a search may spend collecting its BM25 candidates, the one step whose cost grows with
 * the index and the question (the others are bounded by {@link QuestionBudget} and the page). Lucene
 * checks it while it scores; past it, the search goes on with the candidates found so far, and the
 * answer is flagged partial instead of taking seconds. One per request.
 */
public final class TimeBudget {
    private final Duration budget;
    private boolean cut;

    TimeBudget(Duration budget) {
        this.budget = budget;
    }

    /** Work on a searcher. */
    @FunctionalInterface
    interface Search<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    /**
     * Runs {@code search} on a searcher over {@code searcher}'s reader, with its similarity, that stops
     * collecting when the budget (counted from now) is spent.
     */
    <T> T within(IndexSearcher searcher, Search<T> search) throws IOException {
        IndexSearcher limited = new IndexSearcher(searcher.getIndexReader());
        limited.setSimilarity(searcher.getSimilarity());
        limited.setTimeout(new QueryTimeoutImpl(budget.toMillis()));
        T result = search.run(limited);
        cut |= limited.timedOut();
        return result;
    }

    /** The wall time allowed, for an engine that enforces it on its side. */
    public Duration duration() {
        return budget;
    }

    /** Records that the engine ran out of time, so the answer is flagged partial. */
    public void markCut() {
        cut = true;
    }

    /** True when a search ran out of time and its answer holds only what was found by then. */
    boolean cut() {
        return cut;
    }
}

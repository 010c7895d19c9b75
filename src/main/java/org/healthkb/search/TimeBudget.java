package org.healthkb.search;

import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.IndexSearcher;

import java.time.Duration;

/**
 * The wall time one search may take. Lucene checks it while it collects BM25 candidates (as the
 * searcher's {@link QueryTimeout}) and the search checks it before embedding the question; past it,
 * the reader gets what was found so far, flagged partial, instead of a request that runs for seconds.
 * One per request.
 */
final class TimeBudget implements QueryTimeout {
    private final long deadline;
    private volatile boolean exceeded;

    TimeBudget(Duration budget) {
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    @Override
    public boolean shouldExit() {
        if (!exceeded && System.nanoTime() - deadline >= 0) {
            exceeded = true;
        }
        return exceeded;
    }

    /** True once the budget is spent (or Lucene stopped a search for it). */
    boolean exceeded() {
        return shouldExit();
    }

    /** A searcher over {@code searcher}'s reader, with its similarity, that stops collecting when the budget is spent. */
    IndexSearcher limit(IndexSearcher searcher) {
        IndexSearcher limited = new IndexSearcher(searcher.getIndexReader());
        limited.setSimilarity(searcher.getSimilarity());
        limited.setTimeout(this);
        return limited;
    }
}

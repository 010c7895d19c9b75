package org.healthkb.search;

import java.util.List;

/**
 * One page of answers.
 *
 * @param query      the question as asked
 * @param mode       how it was ranked
 * @param total      how many passages match in all: exactly when {@code totalExact}, otherwise at least this many
 *                   (counting stops at {@value SearchService#MAX_DEPTH}, as deep as a reader can page)
 * @param totalExact whether {@code total} is exact
 * @param tookMs     time spent searching, in milliseconds
 * @param hits       this page of hits, best first
 * @param didYouMean a likely correction of a misspelt question, or null
 * @param corrected  true when the question as typed found nothing and these are the results for {@code didYouMean}
 * @param missing    words of the question that no passage has, as typed (nor a synonym or a near spelling of
 *                   them): the hits answer without them, as a reader should be told
 * @param searched   the question as searched when it was cut to {@link QuestionBudget#MAX_TERMS} terms (null
 *                   when it was searched whole): the words beyond were ignored
 * @param partial    true when collecting the BM25 candidates ran out of its time budget and these were ranked
 *                   from the candidates found by then
 * @param timings    where the time went, stage by stage
 */
public record SearchResults(String query, SearchMode mode, long total, boolean totalExact, long tookMs, List<Hit> hits,
                            String didYouMean, boolean corrected, List<String> missing, String searched,
                            boolean partial, Timings timings) {

    /** True when the question was too long and only its start was searched. */
    public boolean truncated() {
        return searched != null;
    }
}

package org.healthkb.search;

import java.util.List;

/**
 * One page of answers.
 *
 * @param query      the question as asked
 * @param total      how many passages match in all
 * @param tookMs     time spent searching, in milliseconds
 * @param hits       this page of hits, best first
 * @param didYouMean a likely correction of a misspelt question, or null
 * @param corrected  true when the question as typed found nothing and these are the results for {@code didYouMean}
 */
public record SearchResults(String query, long total, long tookMs, List<Hit> hits, String didYouMean,
                            boolean corrected) {
}

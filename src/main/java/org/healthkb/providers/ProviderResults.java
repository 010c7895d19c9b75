package org.healthkb.providers;

import org.healthkb.content.Provider;

import java.util.List;

/**
 * Providers matching a {@link ProviderQuery}, with facet counts that ignore each facet's own selection
 * (drill sideways), so a reader can see what widening a choice would add.
 *
 * @param total           how many providers match
 * @param providers       the matching providers in the requested order
 * @param doseFlexibility count per dose-flexibility value, every value listed, in vocabulary order
 * @param trdSuitability  count per suitability value, every value listed, best first
 * @param monthlyPrice    count per monthly price range, cheapest first
 */
public record ProviderResults(long total, List<Provider> providers, List<FacetCount> doseFlexibility,
                              List<FacetCount> trdSuitability, List<RangeCount> monthlyPrice) {

    /** How many matching providers have one facet value. */
    public record FacetCount(String value, int count) {
    }

    /** How many matching providers have a monthly price in one range, from {@code minUsd} inclusive to {@code maxUsd} exclusive. */
    public record RangeCount(String range, double minUsd, double maxUsd, int count) {
    }
}

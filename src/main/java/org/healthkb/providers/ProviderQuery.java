package org.healthkb.providers;

import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.TrdSuitability;

import java.util.Set;

/**
 * A provider comparison request. Values within one facet are alternatives (OR); facets combine with AND.
 *
 * @param text               words to match in name and notes, or blank for all providers
 * @param doseFlexibility    selected dose-flexibility values; empty selects all
 * @param trdSuitability     selected suitability values; empty selects all
 * @param minSuitability     lowest acceptable suitability, or null
 * @param maxMonthlyPriceUsd highest acceptable monthly price, or null; providers with no stated price never pass it
 * @param sort               the order of results
 */
public record ProviderQuery(String text, Set<DoseFlexibility> doseFlexibility, Set<TrdSuitability> trdSuitability,
                            TrdSuitability minSuitability, Double maxMonthlyPriceUsd, ProviderSort sort) {

    public ProviderQuery {
        text = text == null ? "" : text.strip();
        doseFlexibility = Set.copyOf(doseFlexibility);
        trdSuitability = Set.copyOf(trdSuitability);
        sort = sort == null ? ProviderSort.RELEVANCE : sort;
    }

    public static ProviderQuery all() {
        return new ProviderQuery("", Set.of(), Set.of(), null, null, ProviderSort.RELEVANCE);
    }

    /**
     * The suitability values this query accepts, combining the explicit choice with the minimum;
     * null when it places no constraint on suitability (which is not the same as accepting none).
     */
    public Set<TrdSuitability> acceptedSuitability() {
        if (trdSuitability.isEmpty() && minSuitability == null) {
            return null;
        }
        Set<TrdSuitability> chosen = trdSuitability.isEmpty() ? Set.of(TrdSuitability.values()) : trdSuitability;
        return Set.copyOf(chosen.stream().filter(s -> minSuitability == null || s.atLeast(minSuitability)).toList());
    }
}

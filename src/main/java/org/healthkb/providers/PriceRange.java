package org.healthkb.providers;

import java.util.List;

/**
 * A monthly price range of the price facet: above {@code min} (from it, for the first) up to and
 * including {@code max}. Inclusive at the top because the filter is ({@code maxMonthlyPriceUsd} is
 * "up to and including"), so a reader who ticks "up to $150" gets exactly the providers the ranges
 * up to $150 counted: a $150 provider is in both.
 */
public record PriceRange(String label, double min, double max) {
    /** The ranges, cheapest first. */
    public static final List<PriceRange> ALL = List.of(
            new PriceRange("Up to $100", 0, 100),
            new PriceRange("Over $100, up to $150", 100, 150),
            new PriceRange("Over $150, up to $200", 150, 200),
            new PriceRange("Over $200", 200, Double.POSITIVE_INFINITY));

    /** True for the first range, which includes its lower end (a free provider is "up to $100"). */
    public boolean includesMin() {
        return min == 0;
    }
}

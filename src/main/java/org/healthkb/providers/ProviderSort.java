package org.healthkb.providers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How provider results are ordered. */
public enum ProviderSort {
    /** Best text match first when there is a query; otherwise most suitable for TRD, then name. */
    RELEVANCE,
    /** Alphabetical. */
    NAME,
    /** Cheapest known monthly price first; providers whose price the guide does not state come last. */
    PRICE,
    /** Excellent, Good, Moderate, Limited; then name. */
    SUITABILITY;

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProviderSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter().equals(value)).findFirst();
    }
}

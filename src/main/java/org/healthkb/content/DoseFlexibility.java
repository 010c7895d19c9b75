package org.healthkb.content;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The controlled vocabulary of the dose-flexibility facet, in the guide's exact wording and ordered
 * from most to least flexible. A provider record with any other value is refused at import, so a
 * typo can never create a new facet value.
 */
public enum DoseFlexibility {
    NO_CAP("No cap"), PER_SESSION("Per-session"), MODERATE("Moderate"), STANDARDIZED("Standardized"),
    LIMITED("Limited"), LOW_CAPPED("Low, capped");

    private final String label;

    DoseFlexibility(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<DoseFlexibility> fromLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(DoseFlexibility::label).toList();
    }
}

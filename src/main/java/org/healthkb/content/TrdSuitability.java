package org.healthkb.content;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How well a provider suits treatment-resistant depression, best first, in the guide's exact wording. */
public enum TrdSuitability {
    EXCELLENT("Excellent"), GOOD("Good"), MODERATE("Moderate"), LIMITED("Limited");

    private final String label;

    TrdSuitability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Higher is better: Excellent 4 down to Limited 1, so sorting by rank descending puts the best first. */
    public int rank() {
        return values().length - ordinal();
    }

    public boolean atLeast(TrdSuitability minimum) {
        return rank() >= minimum.rank();
    }

    public static Optional<TrdSuitability> fromLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(TrdSuitability::label).toList();
    }
}

package org.healthkb.content;

import java.util.List;
import java.util.Objects;

/**
 * A treatment provider as its record in {@code corpus/providers} states it. Facts the guide does not
 * give are null, never guessed.
 *
 * @param id                 stable id, lower-case with hyphens
 * @param name               display name, as in the guide's comparison table
 * @param doseFlexibility    facet value
 * @param trdSuitability     facet value with an order
 * @param notes              the table's notes, or null
 * @param monthlyPriceUsd    base monthly price, or null when the guide gives none
 * @param consultationFeeUsd initial consultation fee, or null
 * @param doseCap            whether doses are capped, or null when unstated
 * @param ongoingTreatment   whether treatment continues without a program end, or null
 * @param plans              priced plans the guide names; empty when it names none
 */
public record Provider(String id, String name, DoseFlexibility doseFlexibility, TrdSuitability trdSuitability,
                       String notes, Double monthlyPriceUsd, Double consultationFeeUsd, Boolean doseCap,
                       Boolean ongoingTreatment, List<Plan> plans) {

    public Provider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doseFlexibility, "doseFlexibility");
        Objects.requireNonNull(trdSuitability, "trdSuitability");
        plans = plans == null ? List.of() : List.copyOf(plans);
    }
}

package org.healthkb.importer;

import org.healthkb.TestCorpus;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Plan;
import org.healthkb.content.Provider;
import org.healthkb.content.TrdSuitability;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProviderReaderTest {
    private final ProviderReader reader = new ProviderReader();

    private String refusal(String json) {
        return assertThrows(CorpusException.class, () -> reader.read("providers/x.json", json)).getMessage();
    }

    @Test
    void readsKalmHealthWithOnlyTheFactsTheGuideStates() throws CorpusException {
        Provider kalm = reader.read("providers/kalm-health.json", TestCorpus.read(TestCorpus.REAL, "providers/kalm-health.json"));
        assertEquals(DoseFlexibility.NO_CAP, kalm.doseFlexibility());
        assertEquals(TrdSuitability.EXCELLENT, kalm.trdSuitability());
        assertEquals(124.0, kalm.monthlyPriceUsd());
        assertEquals(0.0, kalm.consultationFeeUsd());
        assertEquals(false, kalm.doseCap());
        assertEquals(true, kalm.ongoingTreatment());
        assertEquals(List.of(new Plan("Base plan", 124, 1), new Plan("Higher-dose plan", 174, 2)), kalm.plans());
    }

    @Test
    void unknownFactsStayAbsent() throws CorpusException {
        Provider joyous = reader.read("providers/joyous.json", TestCorpus.read(TestCorpus.REAL, "providers/joyous.json"));
        assertNull(joyous.monthlyPriceUsd());
        assertNull(joyous.doseCap());
        assertEquals(List.of(), joyous.plans());
    }

    @Test
    void invalidJsonNamesTheFileAndLine() {
        assertEquals("providers/x.json, line 2: invalid JSON: Unexpected character ('}' (code 125)): "
                + "was expecting double-quote to start field name", refusal("{\"id\": \"x\",\n}"));
    }

    @Test
    void anUnknownFacetValueNamesTheFieldAndTheAllowedValues() {
        assertEquals("providers/x.json, field 'trdSuitability': unknown value 'Great'; expected one of "
                + "[Excellent, Good, Moderate, Limited]", refusal("""
                {"id": "x", "name": "X", "doseFlexibility": "Moderate", "trdSuitability": "Great"}"""));
        assertEquals("providers/x.json, field 'doseFlexibility': unknown value 'Huge'; expected one of "
                + "[No cap, Per-session, Moderate, Standardized, Limited, Low, capped]", refusal("""
                {"id": "x", "name": "X", "doseFlexibility": "Huge", "trdSuitability": "Good"}"""));
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertEquals("providers/x.json, field 'name': is required", refusal("""
                {"id": "x", "doseFlexibility": "Moderate", "trdSuitability": "Good"}"""));
    }

    @Test
    void wrongTypesAndUnknownFieldsAreNamed() {
        assertEquals("providers/x.json, field 'monthlyPriceUsd': must be a non-negative number of US dollars or null",
                refusal("""
                {"id": "x", "name": "X", "doseFlexibility": "Moderate", "trdSuitability": "Good", "monthlyPriceUsd": "cheap"}"""));
        assertEquals("providers/x.json, field 'montlyPriceUsd': unknown field; known fields are [consultationFeeUsd, "
                + "doseCap, doseFlexibility, id, monthlyPriceUsd, name, notes, ongoingTreatment, plans, trdSuitability]",
                refusal("""
                {"id": "x", "name": "X", "doseFlexibility": "Moderate", "trdSuitability": "Good", "montlyPriceUsd": 5}"""));
        assertEquals("providers/x.json, field 'plans[0].billingPeriodMonths': must be a whole number of months, at least 1",
                refusal("""
                {"id": "x", "name": "X", "doseFlexibility": "Moderate", "trdSuitability": "Good",
                 "plans": [{"name": "P", "priceUsd": 10, "billingPeriodMonths": 0}]}"""));
    }

    @Test
    void duplicateKeysAreInvalidJson() {
        String message = refusal("{\"id\": \"x\", \"id\": \"y\"}");
        assertEquals(true, message.startsWith("providers/x.json, line 1: invalid JSON: Duplicate field 'id'"), message);
    }
}

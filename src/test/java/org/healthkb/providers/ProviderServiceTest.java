package org.healthkb.providers;

import org.healthkb.RealKnowledgeBase;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Provider;
import org.healthkb.content.TrdSuitability;
import org.healthkb.providers.ProviderResults.FacetCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderServiceTest {
    @RegisterExtension
    static final RealKnowledgeBase REAL = new RealKnowledgeBase();

    private static ProviderResults search(ProviderQuery query) {
        return REAL.kb().providers().search(query);
    }

    static String golden(String dim, List<FacetCount> counts) {
        return dim + ": " + counts.stream().map(c -> c.value() + " (" + c.count() + ")").collect(Collectors.joining(", "));
    }

    private static List<String> names(ProviderResults results) {
        return results.providers().stream().map(Provider::name).toList();
    }

    @Test
    void facetCountsEqualTheGuidesTable() {
        ProviderResults all = search(ProviderQuery.all());
        assertEquals(7, all.total());
        assertEquals("trdSuitability: Excellent (1), Good (2), Moderate (3), Limited (1)",
                golden("trdSuitability", all.trdSuitability()));
        assertEquals("doseFlexibility: No cap (1), Per-session (1), Moderate (2), Standardized (1), Limited (1), Low, capped (1)",
                golden("doseFlexibility", all.doseFlexibility()));
        assertEquals("[Up to $100: 0, Over $100, up to $150: 1, Over $150, up to $200: 0, Over $200: 0]",
                all.monthlyPrice().stream().map(r -> r.range() + ": " + r.count()).toList().toString());
    }

    @Test
    void countsOfASelectedFacetIgnoreItsOwnSelection() {
        ProviderResults good = search(new ProviderQuery("", Set.of(), Set.of(TrdSuitability.GOOD), null, null, ProviderSort.NAME));
        assertEquals(List.of("Isha Health", "Mindbloom"), names(good));
        assertEquals("trdSuitability: Excellent (1), Good (2), Moderate (3), Limited (1)",
                golden("trdSuitability", good.trdSuitability()));
        assertEquals("doseFlexibility: No cap (0), Per-session (1), Moderate (1), Standardized (0), Limited (0), Low, capped (0)",
                golden("doseFlexibility", good.doseFlexibility()));
    }

    @Test
    void valuesOfOneFacetAreAlternativesAndFacetsCombine() {
        ProviderResults either = search(new ProviderQuery("", Set.of(),
                Set.of(TrdSuitability.GOOD, TrdSuitability.EXCELLENT), null, null, ProviderSort.SUITABILITY));
        assertEquals(List.of("Kalm Health", "Isha Health", "Mindbloom"), names(either));
        ProviderResults both = search(new ProviderQuery("", Set.of(DoseFlexibility.MODERATE),
                Set.of(TrdSuitability.GOOD, TrdSuitability.EXCELLENT), null, null, ProviderSort.NAME));
        assertEquals(List.of("Isha Health"), names(both));
    }

    @Test
    void drillSidewaysCountsMatchABruteForceCountForEveryCombinationOfSelections() {
        List<Provider> all = search(ProviderQuery.all()).providers();
        for (Set<DoseFlexibility> dose : subsets(DoseFlexibility.values())) {
            for (Set<TrdSuitability> trd : subsets(TrdSuitability.values())) {
                ProviderResults results = search(new ProviderQuery("", dose, trd, null, null, ProviderSort.NAME));
                for (FacetCount count : results.trdSuitability()) {
                    long expected = all.stream().filter(p -> dose.isEmpty() || dose.contains(p.doseFlexibility()))
                            .filter(p -> p.trdSuitability().label().equals(count.value())).count();
                    assertEquals(expected, count.count(), dose + " " + trd + " " + count);
                }
                for (FacetCount count : results.doseFlexibility()) {
                    long expected = all.stream().filter(p -> trd.isEmpty() || trd.contains(p.trdSuitability()))
                            .filter(p -> p.doseFlexibility().label().equals(count.value())).count();
                    assertEquals(expected, count.count(), dose + " " + trd + " " + count);
                }
                long total = all.stream().filter(p -> dose.isEmpty() || dose.contains(p.doseFlexibility()))
                        .filter(p -> trd.isEmpty() || trd.contains(p.trdSuitability())).count();
                assertEquals(total, results.total());
            }
        }
    }

    @Test
    void minimumSuitabilityAndMaximumPriceFilter() {
        ProviderResults goodOrBetter = search(new ProviderQuery("", Set.of(), Set.of(), TrdSuitability.GOOD, null, ProviderSort.SUITABILITY));
        assertEquals(List.of("Kalm Health", "Isha Health", "Mindbloom"), names(goodOrBetter));
        ProviderResults cheap = search(new ProviderQuery("", Set.of(), Set.of(), null, 150.0, ProviderSort.NAME));
        assertEquals(List.of("Kalm Health"), names(cheap));
        assertEquals("trdSuitability: Excellent (1), Good (0), Moderate (0), Limited (0)", golden("trdSuitability", cheap.trdSuitability()));
        ProviderResults tooCheap = search(new ProviderQuery("", Set.of(), Set.of(), null, 50.0, ProviderSort.NAME));
        assertEquals(0, tooCheap.total());
        assertEquals(1, tooCheap.monthlyPrice().stream().mapToInt(ProviderResults.RangeCount::count).sum(),
                "the price facet ignores its own filter");
        ProviderResults none = search(new ProviderQuery("", Set.of(), Set.of(TrdSuitability.LIMITED), TrdSuitability.GOOD, null, ProviderSort.NAME));
        assertEquals(0, none.total());
    }

    @Test
    void sortsByNamePriceAndSuitability() {
        assertEquals(List.of("Better U", "Isha Health", "Joyous", "Kalm Health", "Mindbloom", "Nue Life", "Peak"),
                names(search(new ProviderQuery("", Set.of(), Set.of(), null, null, ProviderSort.NAME))));
        assertEquals("Kalm Health", names(search(new ProviderQuery("", Set.of(), Set.of(), null, null, ProviderSort.PRICE))).getFirst());
        assertEquals(List.of("Kalm Health", "Isha Health", "Mindbloom", "Better U", "Nue Life", "Peak", "Joyous"),
                names(search(new ProviderQuery("", Set.of(), Set.of(), null, null, ProviderSort.SUITABILITY))));
    }

    @Test
    void textSearchMatchesNamesAndNotes() {
        assertEquals("Nue Life", names(search(new ProviderQuery("protocol-driven", Set.of(), Set.of(), null, null, null))).getFirst());
        assertEquals(List.of("Mindbloom"), names(search(new ProviderQuery("mindbloom", Set.of(), Set.of(), null, null, null))));
    }

    @Test
    void findsOneProviderById() {
        assertEquals(124.0, REAL.kb().providers().byId("kalm-health").orElseThrow().monthlyPriceUsd());
        assertTrue(REAL.kb().providers().byId("nobody").isEmpty());
    }

    private static <E extends Enum<E>> List<Set<E>> subsets(E[] values) {
        List<Set<E>> subsets = new ArrayList<>();
        for (int mask = 0; mask < 1 << values.length; mask++) {
            Set<E> subset = new HashSet<>();
            for (int i = 0; i < values.length; i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(values[i]);
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }
}

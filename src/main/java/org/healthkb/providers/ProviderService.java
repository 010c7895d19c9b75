package org.healthkb.providers;

import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Provider;
import org.healthkb.content.TrdSuitability;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.providers.ProviderResults.FacetCount;
import org.healthkb.providers.ProviderResults.RangeCount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares providers by facets, on whichever engine holds them: each facet's counts ignore that
 * facet's own selection, so ticking "Good" still shows how many "Excellent" providers there are, and
 * every value is listed in its vocabulary's order, 0 where no matching provider has it. Thread-safe.
 */
public final class ProviderService {
    private final ProviderEngine engine;

    public ProviderService(ProviderEngine engine) {
        this.engine = engine;
    }

    /** The embedded index's providers. */
    public ProviderService(KnowledgeIndex index) {
        this(new EmbeddedProviders(index));
    }

    public ProviderResults search(ProviderQuery query) {
        ProviderEngine.Found found = engine.search(query);
        List<RangeCount> prices = new ArrayList<>();
        for (int i = 0; i < PriceRange.ALL.size(); i++) {
            PriceRange range = PriceRange.ALL.get(i);
            prices.add(new RangeCount(range.label(), range.min(), range.max(), found.monthlyPrice().get(i)));
        }
        return new ProviderResults(found.total(), found.providers(),
                inOrder(found.doseFlexibility(), DoseFlexibility.labels()),
                inOrder(found.trdSuitability(), TrdSuitability.labels()), prices);
    }

    public Optional<Provider> byId(String id) {
        return engine.byId(id);
    }

    private static List<FacetCount> inOrder(Map<String, Integer> counts, List<String> vocabulary) {
        return vocabulary.stream().map(v -> new FacetCount(v, counts.getOrDefault(v, 0))).toList();
    }
}

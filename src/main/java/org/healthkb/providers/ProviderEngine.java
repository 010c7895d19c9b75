package org.healthkb.providers;

import org.healthkb.content.Provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@link ProviderService} finds providers: the embedded index ({@link EmbeddedProviders}) or an
 * OpenSearch cluster. The request's meaning ({@link ProviderQuery}: values of one facet are
 * alternatives, facets combine, a minimum suitability, a price cap that an unknown price never
 * passes, the orders of {@link ProviderSort}) is the same for both.
 */
public interface ProviderEngine {
    /**
     * The matching providers in the requested order, and the facet counts: each facet's counts ignore
     * that facet's own selection (drill sideways), so ticking "Good" still shows how many "Excellent"
     * providers there are.
     *
     * @param doseFlexibility providers per dose-flexibility label; labels no provider has may be absent
     * @param trdSuitability  providers per suitability label, likewise
     * @param monthlyPrice    providers per range of {@link PriceRange#ALL}, in that order
     */
    record Found(long total, List<Provider> providers, Map<String, Integer> doseFlexibility,
                 Map<String, Integer> trdSuitability, List<Integer> monthlyPrice) {
    }

    Found search(ProviderQuery query);

    Optional<Provider> byId(String id);
}

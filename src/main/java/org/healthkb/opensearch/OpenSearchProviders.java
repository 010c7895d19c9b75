package org.healthkb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Provider;
import org.healthkb.content.TrdSuitability;
import org.healthkb.index.Fields;
import org.healthkb.providers.PriceRange;
import org.healthkb.providers.ProviderEngine;
import org.healthkb.providers.ProviderQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.healthkb.opensearch.OpenSearchClient.object;

/**
 * Providers in OpenSearch, faceted as the embedded index facets them with drill sideways: the facet
 * selections filter the hits afterwards ({@code post_filter}), and each facet is counted over the
 * matches filtered by every selection but its own, so its counts ignore its own selection.
 */
public final class OpenSearchProviders implements ProviderEngine {
    private static final int MAX_PROVIDERS = 10_000;
    private static final String DOSE = "dose";
    private static final String SUITABILITY = "suitability";
    private static final String PRICE = "price";

    private final OpenSearchEngine engine;

    public OpenSearchProviders(OpenSearchEngine engine) {
        this.engine = engine;
    }

    @Override
    public Found search(ProviderQuery query) {
        try {
            OpenSearchEngine.Generation generation = engine.generation();
            if (generation.name() == null) {
                return new Found(0, List.of(), Map.of(), Map.of(), PriceRange.ALL.stream().map(r -> 0).toList());
            }
            Map<String, ObjectNode> filters = selections(query);
            ObjectNode search = object().put("size", MAX_PROVIDERS).put("track_total_hits", true).put("track_scores", true);
            search.set("query", matching(query, generation));
            search.set("post_filter", all(filters.values()));
            search.set("sort", sort(query));
            ObjectNode aggs = search.putObject("aggs");
            aggs.set(DOSE, sideways(filters, DOSE, terms(Fields.DOSE_FLEXIBILITY)));
            aggs.set(SUITABILITY, sideways(filters, SUITABILITY, terms(Fields.TRD_SUITABILITY)));
            aggs.set(PRICE, sideways(filters, PRICE, priceRanges()));
            JsonNode answer = engine.client().post(generation.index(Generations.PROVIDERS) + "/_search", search);
            List<Provider> providers = new ArrayList<>();
            answer.path("hits").path("hits").forEach(hit -> providers.add(OpenSearchDocuments.toProvider(hit.path("_source"))));
            JsonNode counts = answer.path("aggregations");
            List<Integer> prices = new ArrayList<>();
            JsonNode buckets = counts.path(PRICE).path("counted").path("buckets");
            for (int i = 0; i < PriceRange.ALL.size(); i++) {
                prices.add(buckets.path(Integer.toString(i)).path("doc_count").asInt());
            }
            return new Found(answer.path("hits").path("total").path("value").asLong(), providers,
                    valueCounts(counts.path(DOSE)), valueCounts(counts.path(SUITABILITY)), prices);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Provider> byId(String id) {
        try {
            OpenSearchEngine.Generation generation = engine.generation();
            if (generation.name() == null) {
                return Optional.empty();
            }
            ObjectNode search = object().put("size", 1);
            search.putObject("query").putObject("term").putObject(Fields.ID).put("value", id);
            JsonNode hits = engine.client().post(generation.index(Generations.PROVIDERS) + "/_search", search)
                    .path("hits").path("hits");
            return hits.isEmpty() ? Optional.empty() : Optional.of(OpenSearchDocuments.toProvider(hits.get(0).path("_source")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words, analysed as questions are (synonyms, question words dropped), or every provider. */
    private static ObjectNode matching(ProviderQuery query, OpenSearchEngine.Generation generation) {
        if (query.text().isEmpty()) {
            return (ObjectNode) object().set("match_all", object());
        }
        Query text = new QueryBuilder(generation.questions()).createBooleanQuery(Fields.PROVIDER_TEXT, query.text());
        return text == null ? (ObjectNode) object().set("match_none", object()) : QueryDsl.of(text);
    }

    /** Each facet's selection as a filter, by facet; a facet without a selection has none. */
    private static Map<String, ObjectNode> selections(ProviderQuery query) {
        Map<String, ObjectNode> filters = new LinkedHashMap<>();
        if (!query.doseFlexibility().isEmpty()) {
            filters.put(DOSE, anyOf(Fields.DOSE_FLEXIBILITY, query.doseFlexibility().stream().map(DoseFlexibility::label).toList()));
        }
        Set<TrdSuitability> suitability = query.acceptedSuitability();
        if (suitability != null) {
            filters.put(SUITABILITY, suitability.isEmpty() ? (ObjectNode) object().set("match_none", object())
                    : anyOf(Fields.TRD_SUITABILITY, suitability.stream().map(TrdSuitability::label).toList()));
        }
        if (query.maxMonthlyPriceUsd() != null) {
            ObjectNode price = object();
            price.putObject("range").putObject(Fields.MONTHLY_PRICE).put("gte", 0).put("lte", query.maxMonthlyPriceUsd());
            filters.put(PRICE, price);
        }
        return filters;
    }

    /** {@code counted} over the matches with every selection applied but {@code facet}'s own. */
    private static ObjectNode sideways(Map<String, ObjectNode> filters, String facet, ObjectNode counted) {
        Map<String, ObjectNode> others = new HashMap<>(filters);
        others.remove(facet);
        ObjectNode aggregation = object();
        aggregation.set("filter", all(others.values()));
        aggregation.putObject("aggs").set("counted", counted);
        return aggregation;
    }

    private static ObjectNode all(Iterable<ObjectNode> filters) {
        ObjectNode bool = object();
        ArrayNode filter = bool.putObject("bool").putArray("filter");
        filters.forEach(filter::add);
        return bool;
    }

    private static ObjectNode anyOf(String field, List<String> values) {
        ObjectNode terms = object();
        ArrayNode list = terms.putObject("terms").putArray(field);
        values.forEach(list::add);
        return terms;
    }

    private static ObjectNode terms(String field) {
        ObjectNode terms = object();
        terms.putObject("terms").put("field", field).put("size", 100);
        return terms;
    }

    /** One bucket per range, named by its position: above the lower end (from it, for the first) up to and including the upper. */
    private static ObjectNode priceRanges() {
        ObjectNode aggregation = object();
        ObjectNode buckets = aggregation.putObject("filters").putObject("filters");
        for (int i = 0; i < PriceRange.ALL.size(); i++) {
            PriceRange range = PriceRange.ALL.get(i);
            ObjectNode bounds = buckets.putObject(Integer.toString(i)).putObject("range").putObject(Fields.MONTHLY_PRICE);
            bounds.put(range.includesMin() ? "gte" : "gt", range.min());
            if (range.max() != Double.POSITIVE_INFINITY) {
                bounds.put("lte", range.max());
            }
        }
        return aggregation;
    }

    private static Map<String, Integer> valueCounts(JsonNode facet) {
        Map<String, Integer> counts = new HashMap<>();
        facet.path("counted").path("buckets").forEach(b -> counts.put(b.path("key").asText(), b.path("doc_count").asInt()));
        return counts;
    }

    /** The orders of the embedded index: by name, price (unknown last), suitability (best first), or relevance. */
    private static ArrayNode sort(ProviderQuery query) {
        ArrayNode sort = object().arrayNode();
        switch (query.sort()) {
            case NAME -> { }
            case PRICE -> sort.addObject().putObject(Fields.MONTHLY_PRICE).put("order", "asc").put("missing", "_last");
            case SUITABILITY -> sort.addObject().put(Fields.SUITABILITY_RANK, "desc");
            case RELEVANCE -> {
                if (!query.text().isEmpty()) {
                    sort.add("_score");
                }
                sort.addObject().put(Fields.SUITABILITY_RANK, "desc");
            }
        }
        sort.addObject().put(Fields.NAME_SORT, "asc");
        return sort;
    }
}

package org.healthkb.providers;

import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.DrillSideways.DrillSidewaysResult;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.range.DoubleRange;
import org.apache.lucene.facet.range.DoubleRangeFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.healthkb.index.Documents;
import org.healthkb.index.Fields;
import org.healthkb.index.IndexSnapshot;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.Provider;
import org.healthkb.content.TrdSuitability;
import org.healthkb.providers.ProviderResults.FacetCount;
import org.healthkb.providers.ProviderResults.RangeCount;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares providers by facets with Lucene's {@link DrillSideways}: each facet's counts ignore that
 * facet's own selection, so ticking "Good" still shows how many "Excellent" providers there are.
 * Thread-safe.
 */
public final class ProviderService {
    /** A dimension name for the price filter; prices are counted by range, not as sorted-set values. */
    static final String PRICE_DIMENSION = "monthlyPrice";
    /**
     * Monthly price ranges of the price facet: above {@code min} (from it, for the first) up to and
     * including {@code max}. Inclusive at the top because the filter is ({@code maxMonthlyPriceUsd} is
     * "up to and including"), so a reader who ticks "up to $150" gets exactly the providers the ranges
     * up to $150 counted: a $150 provider is in both.
     */
    private record PriceRange(String label, double min, double max) {
        DoubleRange toLucene() {
            return new DoubleRange(label, min, min == 0, max, true);
        }
    }

    private static final List<PriceRange> PRICE_RANGES = List.of(
            new PriceRange("Up to $100", 0, 100),
            new PriceRange("Over $100, up to $150", 100, 150),
            new PriceRange("Over $150, up to $200", 150, 200),
            new PriceRange("Over $200", 200, Double.POSITIVE_INFINITY));
    private static final int MAX_PROVIDERS = 10_000;

    private final KnowledgeIndex index;
    private final FacetsConfig facetsConfig;

    public ProviderService(KnowledgeIndex index) {
        this.index = index;
        this.facetsConfig = index.facetsConfig();
    }

    public ProviderResults search(ProviderQuery query) {
        return index.read(snapshot -> {
            DrillDownQuery drillDown = drillDown(query, snapshot);
            DrillSideways sideways = new FacetsOnRequest(snapshot, facetsConfig);
            DrillSidewaysResult result = sideways.search(drillDown, null, null, MAX_PROVIDERS, sort(query), false);
            StoredFields stored = snapshot.getIndexReader().storedFields();
            List<Provider> providers = new ArrayList<>();
            for (ScoreDoc hit : result.hits.scoreDocs) {
                providers.add(Documents.toProvider(stored.document(hit.doc)));
            }
            return new ProviderResults(result.hits.totalHits.value(), providers,
                    valueCounts(snapshot, result, Fields.DOSE_FLEXIBILITY, DoseFlexibility.labels()),
                    valueCounts(snapshot, result, Fields.TRD_SUITABILITY, TrdSuitability.labels()),
                    priceCounts(result));
        });
    }

    public Optional<Provider> byId(String id) {
        return index.read(snapshot -> {
            Query query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PROVIDER)), Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.ID, id)), Occur.FILTER)
                    .build();
            ScoreDoc[] hits = snapshot.search(query, 1).scoreDocs;
            return hits.length == 0 ? Optional.empty()
                    : Optional.of(Documents.toProvider(snapshot.getIndexReader().storedFields().document(hits[0].doc)));
        });
    }

    private DrillDownQuery drillDown(ProviderQuery query, IndexSnapshot snapshot) {
        BooleanQuery.Builder base = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.TYPE, Fields.TYPE_PROVIDER)), Occur.FILTER);
        if (!query.text().isEmpty()) {
            Query text = new QueryBuilder(snapshot.queryAnalyzer(true)).createBooleanQuery(Fields.PROVIDER_TEXT, query.text());
            base.add(text == null ? new MatchNoDocsQuery("no searchable words") : text, Occur.MUST);
        }
        DrillDownQuery drillDown = new DrillDownQuery(facetsConfig, base.build());
        addValues(drillDown, Fields.DOSE_FLEXIBILITY, query.doseFlexibility(), DoseFlexibility::label);
        Set<TrdSuitability> suitability = query.acceptedSuitability();
        if (suitability != null && suitability.isEmpty()) {
            drillDown.add(Fields.TRD_SUITABILITY, new MatchNoDocsQuery("no suitability value passes the minimum"));
        } else if (suitability != null) {
            addValues(drillDown, Fields.TRD_SUITABILITY, suitability, TrdSuitability::label);
        }
        if (query.maxMonthlyPriceUsd() != null) {
            drillDown.add(PRICE_DIMENSION, DoublePoint.newRangeQuery(Fields.MONTHLY_PRICE, 0, query.maxMonthlyPriceUsd()));
        }
        return drillDown;
    }

    /** Several values of one dimension are alternatives: DrillDownQuery ORs repeated adds of a dimension. */
    private static <T> void addValues(DrillDownQuery drillDown, String dim, Collection<T> values, Function<T, String> label) {
        for (T value : values) {
            drillDown.add(dim, label.apply(value));
        }
    }

    private static Sort sort(ProviderQuery query) {
        SortField byName = new SortField(Fields.NAME_SORT, SortField.Type.STRING);
        SortField bySuitability = new SortField(Fields.SUITABILITY_RANK, SortField.Type.LONG, true);
        SortField byPrice = new SortField(Fields.MONTHLY_PRICE, SortField.Type.DOUBLE);
        byPrice.setMissingValue(Double.POSITIVE_INFINITY);
        return switch (query.sort()) {
            case NAME -> new Sort(byName);
            case PRICE -> new Sort(byPrice, byName);
            case SUITABILITY -> new Sort(bySuitability, byName);
            case RELEVANCE -> query.text().isEmpty() ? new Sort(bySuitability, byName)
                    : new Sort(SortField.FIELD_SCORE, bySuitability, byName);
        };
    }

    /** Every value of the vocabulary in its order, with 0 for values no matching provider has. */
    private static List<FacetCount> valueCounts(IndexSnapshot snapshot, DrillSidewaysResult result, String dim,
                                                List<String> vocabulary) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        if (snapshot.facetState() != null) {
            FacetResult facet = new SortedSetDocValuesFacetCounts(snapshot.facetState(), collectorFor(result, dim))
                    .getAllChildren(dim);
            if (facet != null) {
                for (LabelAndValue lv : facet.labelValues) {
                    counts.put(lv.label, lv.value.intValue());
                }
            }
        }
        return vocabulary.stream().map(v -> new FacetCount(v, counts.getOrDefault(v, 0))).toList();
    }

    private static List<RangeCount> priceCounts(DrillSidewaysResult result) throws IOException {
        DoubleRangeFacetCounts facets = new DoubleRangeFacetCounts(Fields.MONTHLY_PRICE,
                collectorFor(result, PRICE_DIMENSION), PRICE_RANGES.stream().map(PriceRange::toLucene).toArray(DoubleRange[]::new));
        FacetResult facet = facets.getAllChildren(Fields.MONTHLY_PRICE);
        List<RangeCount> counts = new ArrayList<>();
        for (int i = 0; i < PRICE_RANGES.size(); i++) {
            PriceRange range = PRICE_RANGES.get(i);
            counts.add(new RangeCount(range.label(), range.min(), range.max(), facet.labelValues[i].value.intValue()));
        }
        return counts;
    }

    /** The sideways collector of a drilled dimension (its own filter left out), else the drill-down one. */
    private static FacetsCollector collectorFor(DrillSidewaysResult result, String dim) {
        String[] dims = result.drillSidewaysDims == null ? new String[0] : result.drillSidewaysDims;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i].equals(dim)) {
                return result.drillSidewaysFacetsCollector[i];
            }
        }
        return result.drillDownFacetsCollector;
    }

    /** Counts are built per dimension above, so the default all-dimension facets are skipped. */
    private static final class FacetsOnRequest extends DrillSideways {
        FacetsOnRequest(IndexSnapshot snapshot, FacetsConfig config) {
            super(snapshot, config, null, snapshot.facetState());
        }

        @Override
        protected Facets buildFacetsResult(FacetsCollector drillDowns, FacetsCollector[] drillSideways, String[] dims) {
            return null;
        }
    }
}

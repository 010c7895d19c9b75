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

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The embedded index's providers, faceted with Lucene's {@link DrillSideways}. Thread-safe.
 */
public final class EmbeddedProviders implements ProviderEngine {
    /** A dimension name for the price filter; prices are counted by range, not as sorted-set values. */
    static final String PRICE_DIMENSION = "monthlyPrice";
    private static final int MAX_PROVIDERS = 10_000;

    private final KnowledgeIndex index;
    private final FacetsConfig facetsConfig;

    public EmbeddedProviders(KnowledgeIndex index) {
        this.index = index;
        this.facetsConfig = index.facetsConfig();
    }

    @Override
    public Found search(ProviderQuery query) {
        return index.read(snapshot -> {
            DrillDownQuery drillDown = drillDown(query, snapshot);
            DrillSideways sideways = new FacetsOnRequest(snapshot, facetsConfig);
            DrillSidewaysResult result = sideways.search(drillDown, null, null, MAX_PROVIDERS, sort(query), false);
            StoredFields stored = snapshot.getIndexReader().storedFields();
            List<Provider> providers = new ArrayList<>();
            for (ScoreDoc hit : result.hits.scoreDocs) {
                providers.add(Documents.toProvider(stored.document(hit.doc)));
            }
            return new Found(result.hits.totalHits.value(), providers, valueCounts(snapshot, result, Fields.DOSE_FLEXIBILITY),
                    valueCounts(snapshot, result, Fields.TRD_SUITABILITY), priceCounts(result));
        });
    }

    @Override
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

    /** Providers per value of {@code dim}. */
    private static Map<String, Integer> valueCounts(IndexSnapshot snapshot, DrillSidewaysResult result, String dim)
            throws IOException {
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
        return counts;
    }

    private static List<Integer> priceCounts(DrillSidewaysResult result) throws IOException {
        DoubleRange[] ranges = PriceRange.ALL.stream()
                .map(r -> new DoubleRange(r.label(), r.min(), r.includesMin(), r.max(), true)).toArray(DoubleRange[]::new);
        FacetResult facet = new DoubleRangeFacetCounts(Fields.MONTHLY_PRICE, collectorFor(result, PRICE_DIMENSION), ranges)
                .getAllChildren(Fields.MONTHLY_PRICE);
        return Arrays.stream(facet.labelValues).map(lv -> lv.value.intValue()).toList();
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

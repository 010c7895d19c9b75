package org.healthkb.web;

import io.javalin.http.Context;
import org.healthkb.content.DoseFlexibility;
import org.healthkb.content.TrdSuitability;
import org.healthkb.providers.ProviderQuery;
import org.healthkb.providers.ProviderService;
import org.healthkb.providers.ProviderSort;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code /api/providers} and {@code /api/providers/{id}}: parse, validate, render. */
final class ProviderController {
    private static final List<String> SORTS = Arrays.stream(ProviderSort.values()).map(ProviderSort::parameter).toList();

    private final ProviderService providers;

    ProviderController(ProviderService providers) {
        this.providers = providers;
    }

    void list(Context ctx) {
        Params params = Params.of(ctx, Set.of("q", "doseFlexibility", "trdSuitability", "minSuitability",
                "maxMonthlyPriceUsd", "sort"));
        String q = params.text("q", 0, SearchController.MAX_QUERY_LENGTH);
        List<DoseFlexibility> dose = params.values("doseFlexibility", DoseFlexibility::fromLabel, DoseFlexibility.labels());
        List<TrdSuitability> trd = params.values("trdSuitability", TrdSuitability::fromLabel, TrdSuitability.labels());
        TrdSuitability min = params.value("minSuitability", TrdSuitability::fromLabel, TrdSuitability.labels());
        Double maxPrice = params.decimal("maxMonthlyPriceUsd", 0);
        ProviderSort sort = params.value("sort", ProviderSort::fromParameter, SORTS);
        ProviderQuery query = new ProviderQuery(q, new HashSet<>(dose), new HashSet<>(trd), min, maxPrice, sort);
        ctx.json(ApiJson.Providers.of(providers.search(query)));
    }

    void one(Context ctx) {
        Params.of(ctx, Set.of());
        String id = ctx.pathParam("id");
        ctx.json(providers.byId(id).map(ApiJson.ProviderRecord::of)
                .orElseThrow(() -> ApiException.notFound("no provider with id '" + id + "'")));
    }
}

package org.healthkb.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.healthkb.importer.Problem;
import org.healthkb.content.Plan;
import org.healthkb.content.Provider;
import org.healthkb.providers.ProviderResults;
import org.healthkb.importer.EmbeddingProgress;
import org.healthkb.importer.ImportReport;
import org.healthkb.importer.ImportStatus;
import org.healthkb.search.QuestionCacheFigures;
import org.healthkb.search.Hit;
import org.healthkb.search.SearchResults;

import java.time.Instant;
import java.util.List;

/** The shapes of JSON responses, documented in {@code openapi.json}. */
final class ApiJson {
    private ApiJson() {
    }

    /** Jackson as the API writes: instants as ISO-8601 text ({@code 2026-11-30T02:29:19Z}), like every other time it sends. */
    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new SimpleModule("instants").addSerializer(Instant.class, ToStringSerializer.instance));
    }

    record Error(String error, String message) {
    }

    record GuideRef(String slug, String title) {
    }

    record SearchHit(String id, GuideRef guide, List<String> headingPath, String url, String snippet, String text, float score) {
        static SearchHit of(Hit hit) {
            return new SearchHit(hit.id(), new GuideRef(hit.guideSlug(), hit.guideTitle()), hit.headingPath(), hit.url(),
                    hit.snippet(), hit.text(), hit.score());
        }
    }

    record Search(String query, String mode, long total, boolean totalExact, long tookMs, int limit, int offset,
                  List<SearchHit> hits, String didYouMean, boolean corrected, List<String> missing, boolean truncated,
                  String searched, boolean partial) {
        static Search of(SearchResults results, int limit, int offset) {
            return new Search(results.query(), results.mode().label(), results.total(), results.totalExact(),
                    results.tookMs(), limit, offset,
                    results.hits().stream().map(SearchHit::of).toList(), results.didYouMean(), results.corrected(),
                    results.missing(), results.truncated(), results.searched(), results.partial());
        }
    }

    record Suggestions(List<String> suggestions) {
    }

    record ProviderRecord(String id, String name, String doseFlexibility, String trdSuitability, String notes,
                          Double monthlyPriceUsd, Double consultationFeeUsd, Boolean doseCap, Boolean ongoingTreatment,
                          List<Plan> plans) {
        static ProviderRecord of(Provider p) {
            return new ProviderRecord(p.id(), p.name(), p.doseFlexibility().label(), p.trdSuitability().label(), p.notes(),
                    p.monthlyPriceUsd(), p.consultationFeeUsd(), p.doseCap(), p.ongoingTreatment(), p.plans());
        }
    }

    record ValueCount(String value, int count) {
    }

    record PriceRange(String range, double minUsd, Double maxUsd, int count) {
    }

    record Facets(List<ValueCount> doseFlexibility, List<ValueCount> trdSuitability, List<PriceRange> monthlyPrice) {
    }

    record Providers(long total, List<ProviderRecord> providers, Facets facets) {
        static Providers of(ProviderResults results) {
            return new Providers(results.total(), results.providers().stream().map(ProviderRecord::of).toList(),
                    new Facets(values(results.doseFlexibility()), values(results.trdSuitability()),
                            results.monthlyPrice().stream().map(r -> new PriceRange(r.range(), r.minUsd(),
                                    Double.isInfinite(r.maxUsd()) ? null : r.maxUsd(), r.count())).toList()));
        }

        private static List<ValueCount> values(List<ProviderResults.FacetCount> counts) {
            return counts.stream().map(c -> new ValueCount(c.value(), c.count())).toList();
        }
    }

    /** The last import attempt (absent fields when there was none) and how the caches serve. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AdminStatus(String startedAt, Long durationMs, String outcome, String message, ImportReport report,
                       List<Problem> errors, Embedding embedding, int passagesWithoutVectors,
                       QuestionCacheFigures questionCache, SearchResponseCache.Figures responseCache,
                       QuestionStatistics.Figures questions) {
        static AdminStatus of(ImportStatus status, EmbeddingProgress embedding, int passagesWithoutVectors,
                              QuestionCacheFigures questionCache, SearchResponseCache.Figures responses,
                              QuestionStatistics.Figures questions) {
            Embedding embedded = Embedding.of(embedding);
            if (status == null) {
                return new AdminStatus(null, null, "none", "no import has run in this process", null, null, embedded,
                        passagesWithoutVectors, questionCache, responses, questions);
            }
            return new AdminStatus(status.startedAt().toString(), status.durationMs(), status.outcome(), null,
                    status.report(), status.errors(), embedded, passagesWithoutVectors, questionCache, responses, questions);
        }
    }

    /** The running import's embedding: passages embedded of those to embed, per second, and seconds left (-1: not known yet). */
    record Embedding(int done, int total, double perSecond, long secondsLeft) {
        static Embedding of(EmbeddingProgress progress) {
            return progress == null ? null
                    : new Embedding(progress.done(), progress.total(), Math.round(progress.perSecond() * 10) / 10.0,
                            progress.secondsLeft());
        }
    }

    record Health(String status, int guides, int passages, int providers, String committedAt, String defaultMode) {
    }
}

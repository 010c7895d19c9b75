package org.healthkb.web;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import org.healthkb.search.IndexStats;
import org.healthkb.search.SearchMode;
import org.healthkb.search.SearchModeUnavailableException;
import org.healthkb.search.SearchResults;
import org.healthkb.search.SearchService;
import org.healthkb.search.Timings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** {@code /api/search}, {@code /api/suggest} and {@code /api/health}: parse, validate, render. */
final class SearchController {
    private static final Logger LOG = LoggerFactory.getLogger(SearchController.class);
    static final int MAX_QUERY_LENGTH = 500;
    static final int MAX_LIMIT = 50;
    static final int MAX_SUGGESTIONS = 10;

    private final SearchService search;
    private final SearchResponseCache responses;
    private final Admission admission;
    private final QuestionStatistics statistics = new QuestionStatistics();

    /** @param responseCacheBytes memory for cached answers; 0 turns the cache off */
    SearchController(SearchService search, long responseCacheBytes, Admission admission) {
        this.search = search;
        this.responses = new SearchResponseCache(responseCacheBytes);
        this.admission = admission;
    }

    void search(Context ctx) {
        Params params = Params.of(ctx, Set.of("q", "limit", "offset", "mode"));
        String q = params.text("q", 1, MAX_QUERY_LENGTH);
        int limit = params.integer("limit", 10, 1, MAX_LIMIT);
        int offset = params.integer("offset", 0, 0, SearchService.MAX_DEPTH);
        if (offset + limit > SearchService.MAX_DEPTH) {
            throw ApiException.badRequest("parameters 'offset' + 'limit' must be at most " + SearchService.MAX_DEPTH
                    + ", not " + (offset + limit));
        }
        SearchMode mode = params.value("mode", SearchMode::fromLabel, SearchMode.labels());
        long start = System.nanoTime();
        SearchResponseCache.Key key = new SearchResponseCache.Key(search.indexVersion(), q,
                mode == null ? "" : mode.label(), limit, offset);
        SearchResponseCache.Lookup answer;
        try {
            answer = responses.get(key, () -> admission.run(() -> render(ctx, q, limit, offset, mode)));
        } catch (Admission.Busy e) {
            ctx.header("Retry-After", Integer.toString(Admission.RETRY_AFTER_SECONDS));
            throw new ApiException(503, "overloaded", e.getMessage());
        }
        SearchResponseCache.Rendered rendered = answer.rendered();
        statistics.record(q, rendered.foundNothing(), rendered.truncated(), rendered.partial());
        ctx.header("Server-Timing", answer.hit()
                ? String.format(Locale.ROOT, "cache;desc=hit;dur=%.3f", (System.nanoTime() - start) / 1e6)
                : answer.rendered().serverTiming());
        ctx.contentType(ContentType.APPLICATION_JSON).result(answer.rendered().body());
    }

    private SearchResponseCache.Rendered render(Context ctx, String q, int limit, int offset, SearchMode mode) {
        SearchResults results;
        try {
            results = search.search(q, limit, offset, mode);
        } catch (SearchModeUnavailableException e) {
            throw ApiException.badRequest("parameter 'mode' cannot be hybrid here: " + e.getMessage());
        }
        long start = System.nanoTime();
        byte[] body = ctx.jsonMapper().toJsonString(ApiJson.Search.of(results, limit, offset), ApiJson.Search.class)
                .getBytes(StandardCharsets.UTF_8);
        if (results.truncated() || results.partial()) {
            LOG.info("question {}: {}", results.partial() ? "answered partially, out of time" : "cut to its first terms",
                    Neutral.text(q));
        }
        return new SearchResponseCache.Rendered(body, serverTiming(results.timings(), (System.nanoTime() - start) / 1e6),
                results.total() == 0, results.truncated(), results.partial());
    }

    /** How the cache of answers serves: for the admin status. */
    SearchResponseCache.Figures responseCache() {
        return responses.figures();
    }

    /** What readers asked: for the admin status. */
    QuestionStatistics.Figures questions() {
        return statistics.figures();
    }

    /**
     * The stages of the search and the rendering of its JSON, in the W3C Server-Timing format that
     * browsers' developer tools show beside the request: {@code parse;dur=0.21, bm25;dur=1.30, ...}.
     */
    static String serverTiming(Timings timings, double jsonMillis) {
        StringBuilder header = new StringBuilder();
        timings.millis().forEach((stage, millis) -> header.append(stage.name().toLowerCase(Locale.ROOT))
                .append(";dur=").append(String.format(Locale.ROOT, "%.3f", millis)).append(", "));
        return header.append("json;dur=").append(String.format(Locale.ROOT, "%.3f", jsonMillis)).toString();
    }

    void suggest(Context ctx) {
        Params params = Params.of(ctx, Set.of("q", "limit"));
        String prefix = params.text("q", 1, 100);
        int limit = params.integer("limit", MAX_SUGGESTIONS, 1, MAX_SUGGESTIONS);
        ctx.json(new ApiJson.Suggestions(search.suggest(prefix, limit)));
    }

    void health(Context ctx) {
        Params.of(ctx, Set.of());
        IndexStats stats = search.stats();
        ctx.json(new ApiJson.Health("ok", stats.guides(), stats.passages(), stats.providers(),
                stats.committedAt() == null ? null : stats.committedAt().toString(), stats.defaultMode().label()));
    }
}

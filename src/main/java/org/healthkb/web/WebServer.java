package org.healthkb.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.healthkb.KnowledgeBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP layer: routes, error mapping and static files over a {@link KnowledgeBase}. It parses,
 * validates and renders; ranking, facets and highlighting live in the services below.
 */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String INTERNAL_ERROR_MESSAGE = "the server failed to answer this request; it has been logged";
    private static final byte[] INTERNAL_ERROR_JSON = ("{\"error\":\"internal_error\",\"message\":\""
            + INTERNAL_ERROR_MESSAGE + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** Pages load only their own scripts and styles: no inline script, no third-party origin. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** How long stopping waits for requests in flight to be answered. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** The JSON routes other sites' pages may call, when origins are allowed (--cors-origins). */
    private static final List<String> READERS_ROUTES = List.of("/api/search", "/api/suggest", "/api/providers",
            "/api/providers/*", "/api/health");
    /** Set on a request whose error response is already written, so the 404 fallback leaves it alone. */
    static final String ERROR_RENDERED = "kb.errorRendered";

    private WebServer() {
    }

    public static Javalin create(KnowledgeBase kb) {
        return create(kb, config -> { });
    }

    /** @param extra further configuration, e.g. a test's route listener or its server settings */
    public static Javalin create(KnowledgeBase kb, Consumer<JavalinConfig> extra) {
        return create(kb, Admission.forThisMachine(kb.searchesPerCore()), extra);
    }

    /** @param admission how many searches run and wait at once */
    static Javalin create(KnowledgeBase kb, Admission admission, Consumer<JavalinConfig> extra) {
        SearchController search = new SearchController(kb.search(), kb.settings().responseCacheBytes(), admission);
        ProviderController providers = new ProviderController(kb.providers());
        GuideController guides = new GuideController(kb.search());
        String indexPage = GuideController.resource("/public/index.html");
        String openApi = GuideController.resource("/openapi.json");
        return Javalin.create(config -> {
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new BadMessages());
                // Stopping waits (a bounded time) for requests in flight instead of cutting them off.
                server.setStopTimeout(STOP_WAIT.toMillis());
            });
            // Before the routes, so that a test can listen for them; after the server's settings, so
            // that a test can change them.
            extra.accept(config);
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(ApiJson.mapper(), false));
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(BadMessages.MAX_HEADER_BYTES));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            config.routes.before(ctx -> {
                refuseBodies(ctx);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Content-Security-Policy", CSP);
                ctx.header("Referrer-Policy", "no-referrer");
            });
            config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(indexPage));
            config.routes.get("/api/search", search::search);
            config.routes.get("/api/suggest", search::suggest);
            config.routes.get("/api/health", search::health);
            config.routes.get("/api/providers", providers::list);
            config.routes.get("/api/providers/{id}", providers::one);
            config.routes.get("/guides", guides::list);
            config.routes.get("/guides/{slug}", guides::one);
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            if (!kb.settings().corsOrigins().isEmpty()) {
                // Readers' routes only: the admin routes are never called from another site's pages.
                config.bundledPlugins.enableCors(cors -> READERS_ROUTES.forEach(path -> cors.addRule(rule -> {
                    rule.path = path;
                    kb.settings().corsOrigins().forEach(rule::allowHost);
                })));
            }
            if (kb.settings().adminToken() != null) {
                AdminController.checkToken(kb.settings().adminToken());
                AdminController admin = new AdminController(kb.reindexer(), kb.search(), search, kb.settings().adminToken());
                config.routes.before("/api/admin/*", admin::authorize);
                config.routes.before("/api/admin/*", AdminController::refuseContentTypes);
                config.routes.post("/api/admin/reindex", admin::reindex);
                config.routes.get("/api/admin/status", admin::status);
            }
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal_error", INTERNAL_ERROR_MESSAGE);
            });
            // An Error (not an Exception) bypasses the handlers above; Javalin would answer 500 with no body.
            config.router.javaLangErrorHandler((response, error) -> {
                LOG.error("a request failed with an error", error);
                response.setStatus(500);
                response.setContentType("application/json");
                try {
                    response.getOutputStream().write(INTERNAL_ERROR_JSON);
                } catch (java.io.IOException e) {
                    // The client is gone; the error is logged.
                }
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(ERROR_RENDERED) == null) {
                    notFound(ctx, guides);
                }
            });
        });
    }

    /**
     * Refuses an admin token too short to be safe, saying why (at least 32 characters); the server
     * must not start with one.
     *
     * @throws IllegalArgumentException naming the rule
     */
    public static void checkAdminToken(String token) {
        AdminController.checkToken(token);
    }

    /** No route takes a request body: one sent is refused before anything reads it. */
    private static void refuseBodies(Context ctx) {
        if (ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null) {
            throw new ApiException(413, "body_not_allowed", "no route of this server takes a request body");
        }
    }

    private static void notFound(Context ctx, GuideController guides) {
        if (ctx.path().startsWith("/api/")) {
            error(ctx, 404, "not_found", "no route " + ctx.method() + " " + ctx.path());
        } else {
            guides.notFound(ctx, "There is nothing at " + ctx.path() + ".");
        }
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.attribute(ERROR_RENDERED, true);
        ctx.status(status).json(new ApiJson.Error(code, message));
    }
}

package org.healthkb.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportBusyException;
import org.healthkb.importer.ImportOptions;
import org.healthkb.importer.Reindexer;
import org.healthkb.importer.ShrinkRefusedException;
import org.healthkb.search.SearchService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code /api/admin/*}: reindexing a running server. Only registered when a token is configured, of
 * at least {@link #MIN_TOKEN_LENGTH} characters; requests must carry it as a bearer token (never in
 * the URL). The token is compared in constant time and never logged. An address that fails
 * {@link #MAX_FAILURES} times within {@link #FAILURE_WINDOW} is refused with 429 until the window
 * passes, so a token cannot be guessed at network speed. Answers are never stored by caches.
 */
final class AdminController {
    private static final Logger LOG = LoggerFactory.getLogger(AdminController.class);
    private static final String BEARER = "Bearer ";
    /** 32 characters: 128 bits of randomness as hex, enough that guessing at any rate is hopeless. */
    static final int MIN_TOKEN_LENGTH = 32;
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    /** Failed attempts per client address, forgotten a minute after the first. */
    private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(FAILURE_WINDOW).maximumSize(10_000).build();

    private final Reindexer reindexer;
    private final SearchService search;
    private final SearchController searches;
    private final byte[] tokenDigest;

    AdminController(Reindexer reindexer, SearchService search, SearchController searches, String token) {
        this.reindexer = reindexer;
        this.search = search;
        this.searches = searches;
        this.tokenDigest = sha256(token);
    }

    /** Refuses a token too short to be safe, saying why; the server does not start with one. */
    static void checkToken(String token) {
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("KB_ADMIN_TOKEN must be at least " + MIN_TOKEN_LENGTH
                    + " characters, not " + token.length() + " (for example: openssl rand -hex 32)");
        }
    }

    void authorize(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        AtomicInteger failed = failures.getIfPresent(ctx.ip());
        if (failed != null && failed.get() >= MAX_FAILURES) {
            ctx.header("Retry-After", Long.toString(FAILURE_WINDOW.toSeconds()));
            throw new ApiException(429, "too_many_attempts", "too many failed attempts from this address; try again in "
                    + FAILURE_WINDOW.toSeconds() + " s");
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : "";
        // Comparing digests keeps the comparison constant-time whatever the presented length.
        if (!MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            int count = failures.get(ctx.ip(), ip -> new AtomicInteger()).incrementAndGet();
            LOG.warn("refused an admin request from {} without the token ({} in the last minute): {} {}", ctx.ip(), count,
                    ctx.method(), Neutral.text(ctx.path()));
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required");
        }
    }

    /** The admin routes take no body (refused on every route, 413), and a content type that is not JSON is refused (415). */
    static void refuseContentTypes(Context ctx) {
        String type = ctx.contentType();
        if (type != null && !type.isBlank() && !type.startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "this route takes no body; Content-Type '"
                    + Neutral.text(type) + "' is not accepted");
        }
    }

    void reindex(Context ctx) {
        Params params = Params.of(ctx, Set.of("full", "allowShrink"));
        ImportOptions options = new ImportOptions(flag(params, "full"), flag(params, "allowShrink")).withVectorsLater();
        try {
            ctx.json(reindexer.run(options, CorpusReader.Progress.NONE, false));
        } catch (CorpusException e) {
            ctx.status(422).json(Map.of("error", "invalid_corpus", "message",
                    "the corpus is invalid; nothing was changed", "problems", e.problems()));
        } catch (ShrinkRefusedException e) {
            throw new ApiException(422, "shrink_refused", e.getMessage());
        } catch (ImportBusyException e) {
            throw new ApiException(409, "import_running", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void status(Context ctx) {
        Params.of(ctx, Set.of());
        ctx.json(ApiJson.AdminStatus.of(reindexer.lastStatus(), reindexer.embeddingProgress(),
                reindexer.passagesWithoutVectors(), search.questionCache(), searches.responseCache(),
                searches.questions()));
    }

    private static boolean flag(Params params, String name) {
        String value = params.text(name, 0, 5);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest("parameter '" + name + "' must be true or false, not '" + value + "'");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

package org.healthkb.web;

import io.javalin.http.Context;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.CorpusReader;
import org.healthkb.reindex.ImportBusyException;
import org.healthkb.reindex.ImportOptions;
import org.healthkb.reindex.Reindexer;
import org.healthkb.reindex.ShrinkRefusedException;
import org.healthkb.search.SearchService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/admin/*}: reindexing a running server. Only registered when a token is configured;
 * requests must carry it as a bearer token. The token is compared in constant time and never logged.
 */
final class AdminController {
    private static final String BEARER = "Bearer ";

    private final Reindexer reindexer;
    private final SearchService search;
    private final Supplier<SearchResponseCache.Figures> responseCache;
    private final byte[] tokenDigest;

    AdminController(Reindexer reindexer, SearchService search, Supplier<SearchResponseCache.Figures> responseCache,
                    String token) {
        this.reindexer = reindexer;
        this.search = search;
        this.responseCache = responseCache;
        this.tokenDigest = sha256(token);
    }

    void authorize(Context ctx) {
        String header = ctx.header("Authorization");
        String presented = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : "";
        // Comparing digests keeps the comparison constant-time whatever the presented length.
        if (!MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "a valid 'Authorization: Bearer <token>' header is required");
        }
    }

    void reindex(Context ctx) {
        Params params = Params.of(ctx, Set.of("full", "allowShrink"));
        ImportOptions options = new ImportOptions(flag(params, "full"), flag(params, "allowShrink"));
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
        ctx.json(ApiJson.AdminStatus.of(reindexer.lastStatus(), search.questionCache(), responseCache.get()));
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

package org.healthkb;

import org.healthkb.index.KnowledgeIndex;
import org.healthkb.opensearch.OpenSearchTarget;
import org.healthkb.search.Ranking;
import org.healthkb.search.SearchService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a knowledge base is opened with.
 *
 * @param corpusDir  the corpus folder ({@code corpus/} by default)
 * @param indexDir   where the index lives ({@code index/} by default); generated, never committed
 * @param ranking    ranking settings ({@link Ranking#DEFAULT})
 * @param adminToken the bearer token for admin routes, or null to disable them
 * @param questionCacheEntries how many question embeddings to keep ({@link SearchService#QUESTION_CACHE_ENTRIES};
 *                   0 keeps none, as benchmarks of distinct questions want)
 * @param responseCacheBytes memory for rendered answers the server keeps for questions asked again
 *                   ({@link #RESPONSE_CACHE_BYTES}; 0 keeps none)
 * @param searchTimeBudget the wall time a search may take before it answers with what it has, flagged
 *                   partial ({@link SearchService#TIME_BUDGET})
 * @param writeLockWait how long an import waits for another process writing the index before it gives up
 *                   ({@link KnowledgeIndex#WRITE_LOCK_WAIT})
 * @param corsOrigins origins (such as {@code https://example.org}) whose pages may call the readers' JSON routes;
 *                   empty, the default, allows none
 * @param vectorCacheDir where passage vectors are kept across index folders, so a rebuild embeds only new text;
 *                   null, the default, keeps none ({@code ./kb} uses {@link #defaultVectorCacheDir()})
 * @param openSearch the OpenSearch cluster imports write to instead of {@code indexDir}; null, the default, for the
 *                   embedded index
 */
public record Settings(Path corpusDir, Path indexDir, Ranking ranking, String adminToken, int questionCacheEntries,
                       long responseCacheBytes, Duration searchTimeBudget, Duration writeLockWait, List<String> corsOrigins,
                       Path vectorCacheDir, OpenSearchTarget openSearch) {
    /** 32 MB: a few thousand pages of ten answers. */
    public static final long RESPONSE_CACHE_BYTES = 32L << 20;

    public Settings {
        Objects.requireNonNull(corpusDir, "corpusDir");
        Objects.requireNonNull(indexDir, "indexDir");
        ranking = ranking == null ? Ranking.DEFAULT : ranking;
        adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
        Objects.requireNonNull(searchTimeBudget, "searchTimeBudget");
        Objects.requireNonNull(writeLockWait, "writeLockWait");
        corsOrigins = List.copyOf(corsOrigins);
        if (questionCacheEntries < 0 || responseCacheBytes < 0) {
            throw new IllegalArgumentException("cache sizes must be at least 0, not " + questionCacheEntries + " and "
                    + responseCacheBytes);
        }
    }

    public Settings(Path corpusDir, Path indexDir, Ranking ranking, String adminToken) {
        this(corpusDir, indexDir, ranking, adminToken, SearchService.QUESTION_CACHE_ENTRIES, RESPONSE_CACHE_BYTES,
                SearchService.TIME_BUDGET, KnowledgeIndex.WRITE_LOCK_WAIT, List.of(), null, null);
    }

    public static Settings of(Path corpusDir, Path indexDir) {
        return new Settings(corpusDir, indexDir, Ranking.DEFAULT, null);
    }

    public Settings withAdminToken(String token) {
        return new Settings(corpusDir, indexDir, ranking, token, questionCacheEntries, responseCacheBytes, searchTimeBudget,
                writeLockWait, corsOrigins, vectorCacheDir, openSearch);
    }

    /** The same settings with {@code bytes} for cached answers (0 turns the cache off). */
    public Settings withResponseCacheBytes(long bytes) {
        return new Settings(corpusDir, indexDir, ranking, adminToken, questionCacheEntries, bytes, searchTimeBudget,
                writeLockWait, corsOrigins, vectorCacheDir, openSearch);
    }

    /** The same settings with {@code budget} as each search's time budget. */
    public Settings withSearchTimeBudget(Duration budget) {
        return new Settings(corpusDir, indexDir, ranking, adminToken, questionCacheEntries, responseCacheBytes, budget,
                writeLockWait, corsOrigins, vectorCacheDir, openSearch);
    }

    /** The same settings keeping {@code entries} question embeddings (0 keeps none). */
    public Settings withQuestionCacheEntries(int entries) {
        return new Settings(corpusDir, indexDir, ranking, adminToken, entries, responseCacheBytes, searchTimeBudget,
                writeLockWait, corsOrigins, vectorCacheDir, openSearch);
    }

    /** The same settings with {@code wait} for another process's write lock. */
    public Settings withWriteLockWait(Duration wait) {
        return new Settings(corpusDir, indexDir, ranking, adminToken, questionCacheEntries, responseCacheBytes,
                searchTimeBudget, wait, corsOrigins, vectorCacheDir, openSearch);
    }

    /** The same settings allowing pages of {@code origins} to call the readers' JSON routes. */
    public Settings withCorsOrigins(List<String> origins) {
        return new Settings(corpusDir, indexDir, ranking, adminToken, questionCacheEntries, responseCacheBytes,
                searchTimeBudget, writeLockWait, origins, vectorCacheDir, openSearch);
    }

    /** The same settings keeping passage vectors in {@code dir} (null: nowhere). */
    public Settings withVectorCacheDir(Path dir) {
        return new Settings(corpusDir, indexDir, ranking, adminToken, questionCacheEntries, responseCacheBytes,
                searchTimeBudget, writeLockWait, corsOrigins, dir, openSearch);
    }

    /** The same settings writing imports to the OpenSearch cluster {@code target} (null: the embedded index). */
    public Settings withOpenSearch(OpenSearchTarget target) {
        return new Settings(corpusDir, indexDir, ranking, adminToken, questionCacheEntries, responseCacheBytes,
                searchTimeBudget, writeLockWait, corsOrigins, vectorCacheDir, target);
    }

    /**
     * Where {@code ./kb} keeps passage vectors: {@code $KB_VECTOR_CACHE} when set ({@code none} for
     * nowhere), else {@code $XDG_CACHE_HOME/healthkb}, else {@code ~/.cache/healthkb}.
     */
    public static Path defaultVectorCacheDir() {
        String chosen = System.getenv("KB_VECTOR_CACHE");
        if (chosen != null && !chosen.isBlank()) {
            return chosen.equals("none") ? null : Path.of(chosen);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("healthkb");
    }
}

package org.healthkb.web;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.healthkb.cache.ComputeOnce;

import java.util.function.Supplier;

/**
 * Rendered answers of {@code /api/search}, as an HTTP cache in front of the service would keep them:
 * the same question, mode and page asked of the same commit always gets the same answer, and readers
 * repeat themselves (popular questions, the prefixes a search-as-you-type box sends again). A cached
 * answer costs a lookup instead of a search and its JSON. Keyed by the index version that answered,
 * so a new commit is never answered from the old one; old entries simply age out. Bounded by the
 * bytes of the bodies it holds. Thread-safe; concurrent asks for the same answer compute it once,
 * outside the cache's locks, so a search in progress holds up no other.
 */
final class SearchResponseCache {
    /** Key, header and object overhead per entry, counted against the budget beside the body. */
    private static final int ENTRY_OVERHEAD_BYTES = 256;

    private final AsyncCache<Key, Rendered> cache;
    private final long maxBytes;

    /** One request, normalised: {@code mode} is empty when the request left it to the index. */
    record Key(long indexVersion, String question, String mode, int limit, int offset) {
    }

    /**
     * A rendered answer: its JSON body in UTF-8, as sent, the Server-Timing it was computed with, and
     * what the statistics count of it. A partial answer, cut short by the time budget, is not kept.
     */
    record Rendered(byte[] body, String serverTiming, boolean foundNothing, boolean truncated, boolean partial) {
        boolean keep() {
            return !partial;
        }
    }

    /** An answer, and whether the cache had it. */
    record Lookup(Rendered rendered, boolean hit) {
    }

    /** What the cache holds and how well it serves, for the admin status. */
    record Figures(long entries, long maxBytes, long hits, long misses, double hitRate, long evictions) {
    }

    SearchResponseCache(long maxBytes) {
        this.maxBytes = maxBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Rendered rendered) -> ENTRY_OVERHEAD_BYTES + rendered.body().length
                        + 2 * (key.question().length() + rendered.serverTiming().length()))
                .recordStats()
                // Evictions run on the caller's thread: the bounds hold the moment an entry is added.
                .executor(Runnable::run)
                .buildAsync();
    }

    /** The cached answer to {@code key}, or the one {@code render} computes (and caches) when there is none. */
    Lookup get(Key key, Supplier<Rendered> render) {
        if (maxBytes == 0) {
            return new Lookup(render.get(), false);
        }
        ComputeOnce.Lookup<Rendered> answer = ComputeOnce.get(cache, key, render);
        if (!answer.cached() && !answer.value().keep()) {
            cache.synchronous().invalidate(key);
        }
        return new Lookup(answer.value(), answer.cached());
    }

    Figures figures() {
        CacheStats stats = cache.synchronous().stats();
        return new Figures(cache.synchronous().estimatedSize(), maxBytes, stats.hitCount(), stats.missCount(), stats.hitRate(),
                stats.evictionCount());
    }
}

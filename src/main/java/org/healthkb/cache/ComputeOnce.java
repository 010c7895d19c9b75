package org.healthkb.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Reads through a Caffeine {@link AsyncCache} so that concurrent asks for one key compute it once,
 * and the computation runs on the asking thread outside the cache's locks: computing inside them
 * (a synchronous cache's {@code get}) makes keys that share a hash bin wait for each other's work.
 * A failed computation is rethrown to the request that ran it, as thrown, and leaves nothing
 * cached; a request that was waiting for it computes the value itself.
 */
public final class ComputeOnce {
    private ComputeOnce() {
    }

    /** A value, and whether the cache already had it (or another request was computing it). */
    public record Lookup<V>(V value, boolean cached) {
    }

    public static <K, V> Lookup<V> get(AsyncCache<K, V> cache, K key, Supplier<V> compute) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> found = cache.get(key, (k, executor) -> mine);
        if (found != mine) {
            try {
                return new Lookup<>(found.join(), true);
            } catch (CancellationException e) {
                return get(cache, key, compute); // the request computing it failed: compute it, as that one did
            }
        }
        try {
            V value = compute.get();
            mine.complete(value);
            return new Lookup<>(value, false);
        } catch (RuntimeException | Error e) {
            // Removed before the future fails, so Caffeine does not log the failure again as a warning.
            cache.synchronous().invalidate(key);
            mine.cancel(false);
            throw e;
        }
    }
}

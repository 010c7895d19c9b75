package org.healthkb.search;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.healthkb.cache.ComputeOnce;
import org.healthkb.semantic.Embedder;


/**
 * The embeddings of recent questions. Embedding a question is the one cost of hybrid ranking that
 * grows with the model rather than the index (a few milliseconds of CPU), and readers repeat
 * themselves: popular questions, and the prefixes a search-as-you-type box sends again on every
 * backspace. Keyed by the model and the question as the model reads it (spelling corrected), so a
 * vector from another model is never served. Bounded by memory: each entry weighs its bytes, and
 * at least {@code maxBytes / maxEntries}, so neither bound is ever exceeded. Thread-safe; concurrent
 * asks for the same question embed it once, and a question being embedded holds up no other: the
 * cache holds a future, completed outside the cache's locks (computing inside them made questions
 * that share a hash bin wait for each other's embedding, halving throughput under load).
 */
final class QuestionEmbeddings {
    /** Java's object header, the key's record and the cache's node: a conservative flat overhead per entry. */
    private static final int ENTRY_OVERHEAD_BYTES = 160;

    private final Embedder embedder;
    private final AsyncCache<Key, float[]> cache;

    private record Key(String model, String question) {
    }

    private final int maxEntries;
    private final long maxBytes;

    QuestionEmbeddings(Embedder embedder, int maxEntries, long maxBytes) {
        this.embedder = embedder;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        int floorWeight = (int) Math.max(1, maxBytes / Math.max(1, maxEntries));
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxEntries == 0 ? 0 : maxBytes)
                .weigher((Key key, float[] vector) -> Math.max(floorWeight, weight(key, vector)))
                .recordStats()
                // Evictions run on the caller's thread: the bounds hold the moment an entry is added.
                .executor(Runnable::run)
                .buildAsync();
    }

    /** The embedding of {@code question} as the model reads it, from the cache when it was asked before. */
    float[] of(String question) {
        return ComputeOnce.get(cache, new Key(embedder.model(), question), () -> embedder.question(question)).value();
    }

    QuestionCacheFigures figures() {
        CacheStats stats = cache.synchronous().stats();
        return new QuestionCacheFigures(cache.synchronous().estimatedSize(), maxEntries, maxBytes, stats.hitCount(), stats.missCount(),
                stats.hitRate(), stats.evictionCount());
    }

    private static int weight(Key key, float[] vector) {
        return ENTRY_OVERHEAD_BYTES + 2 * (key.model().length() + key.question().length()) + Float.BYTES * vector.length;
    }
}

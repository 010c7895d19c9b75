package org.healthkb.importer;

import org.healthkb.index.ContentStore;
import org.healthkb.index.ContentStore.PendingPassage;
import org.healthkb.content.Guide;
import org.healthkb.semantic.Embedder;
import org.healthkb.semantic.VectorCache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The import's embedding step: finds the vectors it already has (in the served commit, or in the
 * vector cache when the index folder is new), embeds the rest in batches, and adds vectors to
 * passages that were committed without them, a commit at a time, so a large import is searchable by
 * its words at once and by meaning as fast as the model goes.
 */
public final class PassageEmbedding {
    /**
     * Passages embedded per call, and given their vectors per commit after the import's own commit:
     * large enough to keep every core busy, small enough that readers get new vectors every few seconds.
     */
    static final int BATCH = 256;

    private final Embedder embedder;
    private final ContentStore index;
    private final VectorCache cache;

    /** @param index the index the vectors are for (null when only {@link #embed} is used); cache where vectors are kept across index folders, or null for none */
    PassageEmbedding(Embedder embedder, ContentStore index, VectorCache cache) {
        this.embedder = embedder;
        this.index = index;
        this.cache = cache;
    }

    String model() {
        return embedder.model();
    }

    /**
     * The vector of every passage of {@code guides}, by embedded text, from {@code vectorCacheDir}
     * (null for none) or the model: for an index built in one commit, such as an evaluation's.
     */
    public static Map<String, float[]> all(List<Guide> guides, Embedder embedder, Path vectorCacheDir,
                                           CorpusReader.Progress progress) {
        VectorCache cache = vectorCacheDir == null ? null : VectorCache.in(vectorCacheDir, embedder.model());
        PassageEmbedding embedding = new PassageEmbedding(embedder, null, cache);
        List<String> texts = textsOf(guides).stream().distinct().toList();
        Map<String, float[]> vectors = new HashMap<>(cache == null ? Map.of() : cache.find(texts));
        vectors.putAll(embedding.embed(missing(texts, vectors), progress));
        return vectors;
    }

    /**
     * The vectors at hand for the passages of {@code guides}, by embedded text: those the served
     * commit holds for the same text from this model (one edited paragraph re-embeds one passage, a
     * rebuild with the same model none), then those in the cache.
     */
    Map<String, float[]> atHand(List<Guide> guides) {
        Map<String, float[]> vectors = new HashMap<>();
        if (index.commitRecord().embeddingModel().equals(embedder.model())) {
            vectors.putAll(index.vectorsFrom(guides.stream().map(Guide::source).toList()));
        }
        List<String> missing = missing(textsOf(guides), vectors);
        if (cache != null) {
            vectors.putAll(cache.find(missing));
        }
        return vectors;
    }

    /** The passages' texts of {@code guides} that have no vector in {@code vectors}, once each. */
    static List<String> missing(List<String> texts, Map<String, float[]> vectors) {
        return texts.stream().filter(t -> !vectors.containsKey(t)).distinct().toList();
    }

    static List<String> textsOf(List<Guide> guides) {
        return guides.stream().flatMap(g -> g.passages().stream()).map(Embedder::textOf).toList();
    }

    /** Embeds {@code texts} in batches, telling {@code progress} after each (which may stop it by throwing). */
    Map<String, float[]> embed(List<String> texts, CorpusReader.Progress progress) {
        Map<String, float[]> vectors = new HashMap<>();
        for (List<String> batch : batches(texts)) {
            vectors.putAll(embedBatch(batch));
            progress.passagesEmbedded(vectors.size(), texts.size());
        }
        return vectors;
    }

    private Map<String, float[]> embedBatch(List<String> batch) {
        if (batch.isEmpty()) {
            return Map.of();
        }
        List<float[]> embedded = embedder.passages(batch);
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            vectors.put(batch.get(i), embedded.get(i));
        }
        if (cache != null) {
            cache.add(vectors);
        }
        return vectors;
    }

    /**
     * Adds vectors to every passage of the served commit that has none, a {@link #BATCH} per commit,
     * until none is left or {@code stopping} says so (checked between batches; what was committed
     * stays, and the next import goes on from there). Then merges the index back into one segment.
     *
     * @return how many passages are still without a vector
     */
    int addMissingVectors(CorpusReader.Progress progress, BooleanSupplier stopping) throws IOException {
        int total = index.passagesWithoutVectors();
        int done = 0;
        boolean wrote = false;
        if (total > 0) {
            progress.passagesEmbedded(0, total);
        }
        while (done < total && !stopping.getAsBoolean()) {
            List<PendingPassage> pending = index.passagesWithoutVectors(BATCH);
            List<String> texts = texts(pending);
            Map<String, float[]> byText = cache == null ? new HashMap<>() : new HashMap<>(cache.find(texts));
            byText.putAll(embedBatch(missing(texts, byText)));
            Map<PendingPassage, float[]> vectors = new HashMap<>();
            pending.forEach(p -> vectors.put(p, byText.get(p.text())));
            int added = index.addVectors(vectors);
            if (added == 0) {
                break; // what was pending changed under us (another process imported); the next import goes on
            }
            wrote = true;
            done += added;
            progress.passagesEmbedded(Math.min(total, done), total);
        }
        int left = index.passagesWithoutVectors();
        if (wrote && left == 0) {
            index.mergeSegments();
        }
        return left;
    }

    private static List<String> texts(List<PendingPassage> pending) {
        return new ArrayList<>(new LinkedHashSet<>(pending.stream().map(PendingPassage::text).toList()));
    }

    private static List<List<String>> batches(List<String> texts) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += BATCH) {
            batches.add(texts.subList(from, Math.min(texts.size(), from + BATCH)));
        }
        return batches;
    }
}

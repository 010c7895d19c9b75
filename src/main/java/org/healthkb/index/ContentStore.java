package org.healthkb.index;

import org.healthkb.semantic.Embedder;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an import writes and what it reads back of the served content: the embedded Lucene index
 * ({@link KnowledgeIndex}) or an OpenSearch cluster. The importer (reading, validation, the shrink
 * guard, what changed, embedding) is the same for both; only storage differs. Each {@link #apply}
 * is atomic: readers see all of the previous content or all of the new.
 */
public interface ContentStore {
    /** Where the content is kept, for messages: a folder, or a cluster and its index names. */
    String location();

    /** What the content readers see now records: source hashes, synonyms, vectors' model. */
    CommitRecord commitRecord();

    /**
     * True when the served content was written by another version of the schema or another embedding
     * model (or nothing was written yet), or with vectors when {@code vectors} is false or without
     * when it is true: the next import rebuilds it in full.
     */
    boolean needsRebuild(boolean vectors);

    /** True when the served content was imported without vectors (keyword ranking only). */
    boolean keywordOnly();

    /** What an update wrote. */
    record Applied(int documentsWritten) {
    }

    /** Writes the update atomically; on any failure readers keep the previous content. */
    Applied apply(IndexUpdate update) throws IOException;

    /**
     * The served vectors of the passages from {@code sources}, by embedded text ({@link Embedder#textOf}),
     * from the model {@link CommitRecord#embeddingModel()} names.
     */
    Map<String, float[]> vectorsFrom(Collection<String> sources);

    /** A passage without a vector, and the text to embed for it ({@link Embedder#textOf}). */
    record PendingPassage(String id, String text) {
    }

    /** How many served passages have no vector yet. */
    int passagesWithoutVectors();

    /** Up to {@code limit} served passages that have no vector yet. */
    List<PendingPassage> passagesWithoutVectors(int limit);

    /**
     * Gives each passage of {@code vectors} its vector, changing nothing else: only a passage that
     * still has no vector and the same text gets one, so a vector never lands on text it was not
     * computed from.
     *
     * @return how many passages got their vector
     */
    int addVectors(Map<PendingPassage, float[]> vectors) throws IOException;

    /**
     * Merges the content into as few segments as the store allows, changing no document: after vectors
     * were added in many small writes, each question would otherwise search many small vector graphs.
     */
    void mergeSegments() throws IOException;

    /** By source, the importer's checks kept with every served guide that has them. */
    Map<String, String> guideChecks();

    /** Passage id to text for every served passage that came from one of {@code sources}. */
    Map<String, String> passagesFrom(Set<String> sources);

    /** How many documents of a type ({@link Fields#TYPE_GUIDE}, passage or provider) are served. */
    int count(String type);
}

package org.healthkb.index;

import org.healthkb.content.FileStamps;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a commit records besides documents: the hash of every source file (so the next import knows
 * what changed, and the server knows whether the index is stale), the synonyms in force, the
 * schema version, the embedding model the passage vectors came from, and when it was made. Stored as
 * Lucene commit user data (on OpenSearch, as the passages index's {@code _meta}), so it is exactly as
 * durable and atomic as the documents it describes.
 *
 * @param schemaVersion the {@link #SCHEMA_VERSION} the index was written with; 0 for none
 * @param hashes        content hash by corpus-relative source path
 * @param stamps        size and modification time of each source when it was hashed (none in older indexes)
 * @param synonyms      the synonyms text
 * @param embeddingModel the {@code Embedder#model()} that wrote the passage vectors, or "" for none
 * @param committedAt   when the commit was made, or null for an empty index
 */
public record CommitRecord(int schemaVersion, Map<String, String> hashes, FileStamps stamps, String synonyms,
                           String embeddingModel, Instant committedAt) {
    /** Bump when fields or analysis change, so the next import rebuilds instead of mixing old and new documents. */
    public static final int SCHEMA_VERSION = 7;

    private static final String HASH_PREFIX = "hash:";
    private static final String STAMP_PREFIX = "stamp:";
    private static final String STAMPS_TAKEN_AT = "stampsTakenAt";
    private static final String SCHEMA = "schemaVersion";
    private static final String SYNONYMS = "synonyms";
    private static final String EMBEDDING_MODEL = "embeddingModel";
    private static final String COMMITTED_AT = "committedAt";

    public static final CommitRecord EMPTY = new CommitRecord(0, Map.of(), FileStamps.NONE, "", "", null);

    public CommitRecord {
        hashes = Map.copyOf(hashes);
        stamps = stamps == null ? FileStamps.NONE : stamps;
        synonyms = synonyms == null ? "" : synonyms;
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
    }

    /** True when documents written now with {@code embeddingModel} may join this commit's; otherwise rebuild. */
    public boolean compatibleWith(String embeddingModel) {
        return schemaVersion == SCHEMA_VERSION && this.embeddingModel.equals(embeddingModel);
    }

    public static CommitRecord fromUserData(Map<String, String> data) {
        if (!data.containsKey(SCHEMA)) {
            return EMPTY;
        }
        Map<String, String> hashes = new TreeMap<>();
        Map<String, String> stamps = new TreeMap<>();
        data.forEach((key, value) -> {
            if (key.startsWith(HASH_PREFIX)) {
                hashes.put(key.substring(HASH_PREFIX.length()), value);
            } else if (key.startsWith(STAMP_PREFIX)) {
                stamps.put(key.substring(STAMP_PREFIX.length()), value);
            }
        });
        String at = data.get(COMMITTED_AT);
        String stampsTakenAt = data.get(STAMPS_TAKEN_AT);
        return new CommitRecord(Integer.parseInt(data.get(SCHEMA)), hashes,
                stampsTakenAt == null ? FileStamps.NONE : new FileStamps(stamps, Instant.parse(stampsTakenAt)),
                data.get(SYNONYMS), data.get(EMBEDDING_MODEL), at == null ? null : Instant.parse(at));
    }

    public Map<String, String> toUserData() {
        Map<String, String> data = new HashMap<>();
        hashes.forEach((source, hash) -> data.put(HASH_PREFIX + source, hash));
        if (stamps.takenAt() != null) {
            stamps.stamps().forEach((source, stamp) -> data.put(STAMP_PREFIX + source, stamp));
            data.put(STAMPS_TAKEN_AT, stamps.takenAt().toString());
        }
        data.put(SCHEMA, Integer.toString(schemaVersion));
        data.put(SYNONYMS, synonyms);
        data.put(EMBEDDING_MODEL, embeddingModel);
        data.put(COMMITTED_AT, committedAt.toString());
        return data;
    }
}

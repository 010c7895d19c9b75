package org.healthkb.importer;

/**
 * How an import runs.
 *
 * @param full        rebuild everything instead of only what changed
 * @param allowShrink accept an import that deletes more than half of the passages or providers
 * @param vectors     whether passages are embedded for hybrid ranking
 * @param vectorsLater return once the passages are committed (searchable by their words) and add the vectors still
 *                    missing in the background, as a server does; otherwise return when every passage has its vector
 */
public record ImportOptions(boolean full, boolean allowShrink, Vectors vectors, boolean vectorsLater) {
    public static final ImportOptions INCREMENTAL = new ImportOptions(false, false);

    /** Whether an import embeds passages. */
    public enum Vectors {
        /** as the served index does: an index built without vectors stays so; a new index gets them */
        AS_BEFORE,
        /** embed every passage that has no vector from this model yet (a keyword-only index is rebuilt with them) */
        EMBED,
        /** embed nothing: the index serves keyword ranking only, and imports in seconds */
        NONE
    }

    public ImportOptions(boolean full, boolean allowShrink) {
        this(full, allowShrink, Vectors.AS_BEFORE);
    }

    public ImportOptions(boolean full, boolean allowShrink, Vectors vectors) {
        this(full, allowShrink, vectors, false);
    }

    /** The same options, adding missing vectors in the background. */
    public ImportOptions withVectorsLater() {
        return new ImportOptions(full, allowShrink, vectors, true);
    }
}

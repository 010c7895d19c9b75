package org.healthkb.reindex;

/**
 * How an import runs.
 *
 * @param full        rebuild everything instead of only what changed
 * @param allowShrink accept an import that deletes more than half of the passages or providers
 * @param vectors     whether passages are embedded for hybrid ranking
 */
public record ImportOptions(boolean full, boolean allowShrink, Vectors vectors) {
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
}

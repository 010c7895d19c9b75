package org.healthkb.reindex;

/**
 * How an import runs.
 *
 * @param full        rebuild everything instead of only what changed
 * @param allowShrink accept an import that deletes more than half of the passages or providers
 */
public record ImportOptions(boolean full, boolean allowShrink) {
    public static final ImportOptions INCREMENTAL = new ImportOptions(false, false);
}

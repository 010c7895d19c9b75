package org.healthkb.importer;


import java.time.Instant;
import java.util.List;

/**
 * What an import changed.
 *
 * @param full              whether it was a rebuild
 * @param guides            guides added, updated and deleted
 * @param passages          passages added, updated (text changed) and deleted
 * @param providers         provider records added, updated and deleted
 * @param synonymsChanged   whether the synonyms changed
 * @param documentsWritten  Lucene documents written (a changed guide rewrites its guide and passage documents)
 * @param totalGuides       guides in the index afterwards
 * @param totalPassages     passages in the index afterwards
 * @param totalProviders    providers in the index afterwards
 * @param passagesWithoutVectors passages searchable by their words only, because the import was stopped before
 *                          it had added their vectors; the next import adds them
 * @param warnings          problems that did not stop the import
 * @param durationMs        wall time of the whole import
 * @param unchangedSince    when no file had changed since the last commit: that commit's time, and nothing was
 *                          read (its warnings stand, unrepeated); null when the corpus was read and checked
 */
public record ImportReport(boolean full, Changes guides, Changes passages, Changes providers, boolean synonymsChanged,
                           int documentsWritten, int totalGuides, int totalPassages, int totalProviders,
                           int passagesWithoutVectors, List<Problem> warnings, long durationMs, Instant unchangedSince) {

    /** An import that found every file as the commit of {@code since} recorded it. */
    static ImportReport unchanged(Instant since, int guides, int passages, int providers, int passagesWithoutVectors,
                                  List<Problem> warnings, long durationMs) {
        return new ImportReport(false, Changes.NONE, Changes.NONE, Changes.NONE, false, 0, guides, passages, providers,
                passagesWithoutVectors, warnings, durationMs, since);
    }

    /** Added, updated and deleted counts of one kind of record. */
    public record Changes(int added, int updated, int deleted) {
        public static final Changes NONE = new Changes(0, 0, 0);

        public boolean any() {
            return added + updated + deleted > 0;
        }

        @Override
        public String toString() {
            return added + " added, " + updated + " updated, " + deleted + " deleted";
        }
    }

    public boolean changedAnything() {
        return full || guides.any() || passages.any() || providers.any() || synonymsChanged;
    }
}

package org.healthkb.index;

import org.healthkb.passage.FileStamps;

import org.healthkb.passage.Guide;
import org.healthkb.passage.Provider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one import changes, applied by {@link KnowledgeIndex#apply} as a single commit.
 *
 * @param full            drop every document first (a rebuild); otherwise only the named sources change
 * @param guides          guides to (re)write; their sources' previous documents are replaced
 * @param providers       providers to (re)write, each with its source file
 * @param deletedSources  sources whose documents are removed and not replaced
 * @param hashes          the content hash of every source after this import, recorded in the commit
 * @param synonyms        the synonyms text after this import, recorded in the commit
 * @param vectors         embed passages (and record the model); without, the index serves keyword ranking only
 * @param stamps          the sources' sizes and modification times as hashed, recorded in the commit
 * @param guideChecks     by source, what the importer's corpus-wide checks need from each guide written (JSON),
 *                        kept with it for the imports that will not parse it again
 */
public record IndexUpdate(boolean full, List<Guide> guides, Map<String, Provider> providers,
                          Set<String> deletedSources, Map<String, String> hashes, String synonyms, boolean vectors,
                          FileStamps stamps, Map<String, String> guideChecks) {

    public IndexUpdate {
        guides = List.copyOf(guides);
        providers = Map.copyOf(providers);
        deletedSources = Set.copyOf(deletedSources);
        hashes = Map.copyOf(hashes);
        synonyms = synonyms == null ? "" : synonyms;
        stamps = stamps == null ? FileStamps.NONE : stamps;
        guideChecks = Map.copyOf(guideChecks);
    }

    /** An update of sources not read from files. */
    public IndexUpdate(boolean full, List<Guide> guides, Map<String, Provider> providers, Set<String> deletedSources,
                       Map<String, String> hashes, String synonyms, boolean vectors) {
        this(full, guides, providers, deletedSources, hashes, synonyms, vectors, FileStamps.NONE, Map.of());
    }

    /** An update with vectors. */
    public IndexUpdate(boolean full, List<Guide> guides, Map<String, Provider> providers, Set<String> deletedSources,
                       Map<String, String> hashes, String synonyms) {
        this(full, guides, providers, deletedSources, hashes, synonyms, true, FileStamps.NONE, Map.of());
    }
}

package org.healthkb.index;

import org.healthkb.content.FileStamps;
import org.healthkb.content.Guide;
import org.healthkb.content.Provider;
import org.healthkb.semantic.Embedder;

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
 * @param embeddingModel  the model the index's vectors come from, recorded in the commit; "" for an index
 *                        without vectors, which serves keyword ranking only
 * @param vectors         passage vectors by embedded text ({@link Embedder#textOf}); a passage whose text has
 *                        none is written without one, searchable by its words until its vector is added
 * @param stamps          the sources' sizes and modification times as hashed, recorded in the commit
 * @param guideChecks     by source, what the importer's corpus-wide checks need from each guide written (JSON),
 *                        kept with it for the imports that will not parse it again
 */
public record IndexUpdate(boolean full, List<Guide> guides, Map<String, Provider> providers,
                          Set<String> deletedSources, Map<String, String> hashes, String synonyms, String embeddingModel,
                          Map<String, float[]> vectors, FileStamps stamps, Map<String, String> guideChecks) {

    public IndexUpdate {
        guides = List.copyOf(guides);
        providers = Map.copyOf(providers);
        deletedSources = Set.copyOf(deletedSources);
        hashes = Map.copyOf(hashes);
        synonyms = synonyms == null ? "" : synonyms;
        embeddingModel = embeddingModel == null ? "" : embeddingModel;
        vectors = Map.copyOf(vectors);
        stamps = stamps == null ? FileStamps.NONE : stamps;
        guideChecks = Map.copyOf(guideChecks);
    }

    /** An update of sources not read from files. */
    public IndexUpdate(boolean full, List<Guide> guides, Map<String, Provider> providers, Set<String> deletedSources,
                       Map<String, String> hashes, String synonyms, String embeddingModel, Map<String, float[]> vectors) {
        this(full, guides, providers, deletedSources, hashes, synonyms, embeddingModel, vectors, FileStamps.NONE, Map.of());
    }

    /** The vector of each of the guide's passages, in order; null for a passage written without one. */
    List<float[]> vectorsOf(Guide guide) {
        return guide.passages().stream().map(p -> vectors.get(Embedder.textOf(p))).toList();
    }

    /** True when every passage written gets its vector now. */
    boolean everyPassageHasAVector() {
        return !embeddingModel.isEmpty()
                && guides.stream().flatMap(g -> g.passages().stream()).allMatch(p -> vectors.containsKey(Embedder.textOf(p)));
    }
}

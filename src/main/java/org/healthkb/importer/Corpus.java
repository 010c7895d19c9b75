package org.healthkb.importer;

import org.healthkb.content.FileStamps;
import org.healthkb.content.Guide;
import org.healthkb.content.Provider;

import java.util.List;
import java.util.Map;

/**
 * A whole corpus folder, read and checked, ready to index.
 *
 * @param guides       every guide, by path order
 * @param providers    every provider record, by path order
 * @param providerSources corpus-relative file of each provider id
 * @param synonyms     the text of {@code synonyms.txt}, empty when there is none
 * @param hashes       SHA-256 of every source file, keyed by its corpus-relative path
 * @param warnings     problems that do not stop the import
 * @param stamps       size and modification time of every source file, for the next import
 * @param checks       what the corpus-wide checks used of every guide, by source, to keep with the guide
 * @param keptGuides   guides found as the index holds them, not parsed, so not in {@code guides}
 * @param keptPassages their passages
 */
public record Corpus(List<Guide> guides, List<Provider> providers, Map<String, String> providerSources,
                     String synonyms, Map<String, String> hashes, List<Problem> warnings, FileStamps stamps,
                     Map<String, GuideChecks> checks, int keptGuides, int keptPassages) {

    /** A corpus not read from files. */
    public Corpus(List<Guide> guides, List<Provider> providers, Map<String, String> providerSources, String synonyms,
                  Map<String, String> hashes, List<Problem> warnings) {
        this(guides, providers, providerSources, synonyms, hashes, warnings, FileStamps.NONE, Map.of(), 0, 0);
    }

    /** Every guide in the folder, parsed or kept. */
    public int guideCount() {
        return guides.size() + keptGuides;
    }

    public static final String SYNONYMS_FILE = "synonyms.txt";

    /** Every passage in the folder, of guides parsed or kept. */
    public int passageCount() {
        return keptPassages + guides.stream().mapToInt(g -> g.passages().size()).sum();
    }
}

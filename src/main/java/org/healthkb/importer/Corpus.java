package org.healthkb.importer;

import org.healthkb.passage.FileStamps;
import org.healthkb.passage.Guide;
import org.healthkb.passage.Provider;

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
 */
public record Corpus(List<Guide> guides, List<Provider> providers, Map<String, String> providerSources,
                     String synonyms, Map<String, String> hashes, List<Problem> warnings, FileStamps stamps) {

    /** A corpus not read from files. */
    public Corpus(List<Guide> guides, List<Provider> providers, Map<String, String> providerSources, String synonyms,
                  Map<String, String> hashes, List<Problem> warnings) {
        this(guides, providers, providerSources, synonyms, hashes, warnings, FileStamps.NONE);
    }

    public static final String SYNONYMS_FILE = "synonyms.txt";

    public int passageCount() {
        return guides.stream().mapToInt(g -> g.passages().size()).sum();
    }
}

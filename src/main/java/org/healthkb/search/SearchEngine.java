package org.healthkb.search;

import java.io.IOException;
import java.util.List;

/**
 * Where {@link SearchService} reads the served content: the embedded index ({@link EmbeddedEngine})
 * or an OpenSearch cluster. Each request works on one {@link SearchView}, so it never mixes two
 * commits.
 */
public interface SearchEngine {
    /** Work done on one view of the content. */
    @FunctionalInterface
    interface Work<T> {
        T on(SearchView view) throws IOException;
    }

    /** Runs {@code work} on a view of the latest served content, released afterwards. */
    <T> T read(Work<T> work);

    /** The model of the served passage vectors' writer; questions must be embedded with the same one. */
    String embeddingModel();

    /** Completions for a prefix, from the words and headings of the served passages. */
    List<String> suggest(String prefix, int limit);

    /** Starts, in the background, what the first completions would otherwise wait for. */
    void prepareSuggestions();
}

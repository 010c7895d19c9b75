package org.healthkb.search;

import java.io.IOException;

/**
 * Where {@link SearchService} reads the served content: the embedded index ({@link EmbeddedEngine})
 * or an OpenSearch cluster. Each request works on one {@link SearchView}, so it never mixes two
 * commits. As a {@link SuggestionCache.Source}, it feeds the latest content's texts to the
 * completions the service builds.
 */
public interface SearchEngine extends SuggestionCache.Source {
    /** Work done on one view of the content. */
    @FunctionalInterface
    interface Work<T> {
        T on(SearchView view) throws IOException;
    }

    /** Runs {@code work} on a view of the latest served content, released afterwards. */
    <T> T read(Work<T> work);

    /** The model of the served passage vectors' writer; questions must be embedded with the same one. */
    String embeddingModel();
}

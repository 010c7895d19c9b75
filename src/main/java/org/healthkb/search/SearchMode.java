package org.healthkb.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a question is ranked. */
public enum SearchMode {
    /**
     * By its words alone: BM25 with everything {@link Ranking} adds to it (synonyms, typo tolerance,
     * proximity, headings, diversity), without the question's embedding. Answers in a fraction of a
     * millisecond; the only mode of an index built without vectors.
     */
    KEYWORD,
    /** By its words and its meaning: BM25 blended with similarity of embeddings. The default where the index has vectors. */
    HYBRID;

    /** The name used in URLs, responses and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SearchMode> fromLabel(String label) {
        return Arrays.stream(values()).filter(m -> m.label().equals(label)).findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(SearchMode::label).toList();
    }
}

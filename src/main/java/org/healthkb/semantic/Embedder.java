package org.healthkb.semantic;

import org.healthkb.content.Passage;

import java.util.List;

/**
 * Turns text into unit-length vectors that lie close together when the meanings do, so a question
 * can find a passage that answers it in other words ("how does ketamine work" and "acts on the
 * glutamate system"). The second retrieval signal beside BM25. Thread-safe.
 */
public interface Embedder {
    /** Names the model and how texts are prepared; recorded with every commit, so a change rebuilds the index. */
    String model();

    /** One vector per passage text, in order; for indexing. */
    List<float[]> passages(List<String> texts);

    /** The vector of a reader's question; for searching. */
    float[] question(String text);

    /**
     * What of a passage is embedded: its headings below the guide title, then its text, the same
     * content as the main BM25 field, so both signals judge the same words.
     */
    static String textOf(Passage passage) {
        return (String.join("\n", passage.sectionHeadings()) + "\n" + passage.text()).strip();
    }
}

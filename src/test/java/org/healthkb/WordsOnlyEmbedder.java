package org.healthkb;

import org.healthkb.semantic.Embedder;

import java.util.List;

/**
 * A stand-in for the embedding model under which meaning never adds a passage: each text's vector
 * has two of 512 dimensions set, chosen by hashes of the text, so two different texts' cosine is 0
 * or, rarely, 0.5, below the 0.6 a passage found by meaning alone needs. Hybrid search then finds what
 * keyword search finds: for tests of imports, serving and the API, which should not depend on what a
 * model happens to find similar, and which run without loading it.
 */
public final class WordsOnlyEmbedder implements Embedder {
    private static final int DIMENSIONS = 512;

    @Override
    public String model() {
        return "words-only-512";
    }

    @Override
    public List<float[]> passages(List<String> texts) {
        return texts.stream().map(WordsOnlyEmbedder::vector).toList();
    }

    @Override
    public float[] question(String text) {
        return vector(text);
    }

    private static float[] vector(String text) {
        float[] v = new float[DIMENSIONS];
        int first = Math.floorMod(text.hashCode(), DIMENSIONS);
        int second = Math.floorMod(text.hashCode() * 31 + text.length() * 7919 + 17, DIMENSIONS);
        if (second == first) {
            second = (first + 1) % DIMENSIONS;
        }
        v[first] = (float) Math.sqrt(0.5);
        v[second] = (float) Math.sqrt(0.5);
        return v;
    }
}

package org.healthkb;

import org.healthkb.semantic.Embedder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A stand-in for the embedding model where meaning is not what a test is about: a text's vector is
 * a fixed function of its bytes (unit length, 8 dimensions), so tests run in milliseconds without
 * the model. Not meaningful: similar texts are not near each other.
 */
public final class FakeEmbedder implements Embedder {
    @Override
    public String model() {
        return "fake-8";
    }

    @Override
    public List<float[]> passages(List<String> texts) {
        return texts.stream().map(FakeEmbedder::vector).toList();
    }

    @Override
    public float[] question(String text) {
        return vector(text);
    }

    private static float[] vector(String text) {
        float[] v = new float[8];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            v[i % 8] += (bytes[i] & 0xff) * (1 + i % 5);
        }
        v[0] += 1;
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < 8; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}

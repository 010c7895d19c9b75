package org.healthkb.search;

import org.healthkb.semantic.Embedder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache of question embeddings, with a fake embedder: meaning is not what it is about. */
class QuestionEmbeddingsTest {
    /** Embeds a question as its length, under a model name that can change, counting what it embeds. */
    private static final class FakeEmbedder implements Embedder {
        String model = "fake-a";
        int questionsEmbedded;

        @Override
        public String model() {
            return model;
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            throw new AssertionError("the cache embeds questions only");
        }

        @Override
        public float[] question(String text) {
            questionsEmbedded++;
            return new float[] {text.length(), model.hashCode()};
        }
    }

    @Test
    void aQuestionAskedAgainIsEmbeddedOnceAndTheHitIsCounted() {
        FakeEmbedder embedder = new FakeEmbedder();
        QuestionEmbeddings cache = new QuestionEmbeddings(embedder, 100, 1 << 20);
        float[] first = cache.of("ketamine dose");
        assertSame(first, cache.of("ketamine dose"));
        cache.of("ketamine dosing");
        assertEquals(2, embedder.questionsEmbedded);
        QuestionCacheFigures figures = cache.figures();
        assertEquals(1, figures.hits());
        assertEquals(2, figures.misses());
        assertEquals(1 / 3.0, figures.hitRate(), 1e-9);
    }

    @Test
    void aVectorOfAnotherModelIsNeverServed() {
        FakeEmbedder embedder = new FakeEmbedder();
        QuestionEmbeddings cache = new QuestionEmbeddings(embedder, 100, 1 << 20);
        float[] fromA = cache.of("ketamine dose");
        embedder.model = "fake-b";
        float[] fromB = cache.of("ketamine dose");
        assertNotSame(fromA, fromB);
        assertArrayEquals(new float[] {13, "fake-b".hashCode()}, fromB);
        assertEquals(2, embedder.questionsEmbedded);
    }

    @Test
    void neitherTheEntryNorTheMemoryBoundIsExceeded() {
        FakeEmbedder embedder = new FakeEmbedder();
        QuestionEmbeddings byEntries = new QuestionEmbeddings(embedder, 3, 1 << 20);
        QuestionEmbeddings byMemory = new QuestionEmbeddings(embedder, 1000, 2_000);
        for (int i = 0; i < 50; i++) {
            byEntries.of("question " + i);
            byMemory.of("a long question of some three hundred characters ".repeat(6) + i);
        }
        assertTrue(byEntries.figures().entries() <= 3, "entries: " + byEntries.figures().entries());
        // Each entry of 300-odd characters weighs about 800 bytes, so 2,000 bytes hold two.
        assertTrue(byMemory.figures().entries() <= 2, "entries: " + byMemory.figures().entries());
        assertTrue(byEntries.figures().evictions() >= 47);
    }

    @Test
    void noEntriesMeansEveryQuestionIsEmbedded() {
        FakeEmbedder embedder = new FakeEmbedder();
        QuestionEmbeddings off = new QuestionEmbeddings(embedder, 0, 0);
        off.of("ketamine dose");
        off.of("ketamine dose");
        assertEquals(2, embedder.questionsEmbedded);
    }
}

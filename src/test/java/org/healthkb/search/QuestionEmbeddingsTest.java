package org.healthkb.search;

import org.healthkb.semantic.Embedder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aQuestionBeingEmbeddedHoldsUpNoOtherAndTheSameQuestionWaitsForIt() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        FakeEmbedder fast = new FakeEmbedder();
        Embedder embedder = new Embedder() {
            @Override
            public String model() {
                return "fake";
            }

            @Override
            public List<float[]> passages(List<String> texts) {
                throw new AssertionError();
            }

            @Override
            public float[] question(String text) {
                if (text.startsWith("slow")) {
                    slowStarted.countDown();
                    await(releaseSlow);
                }
                return fast.question(text);
            }
        };
        QuestionEmbeddings cache = new QuestionEmbeddings(embedder, 100, 1 << 20);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<float[]> slow = threads.submit(() -> cache.of("slow question"));
            assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
            Future<float[]> sameSlow = threads.submit(() -> cache.of("slow question"));
            for (int i = 0; i < 200; i++) {
                cache.of("question " + i); // all answered while the slow one is still being embedded
            }
            assertFalse(slow.isDone());
            releaseSlow.countDown();
            assertSame(slow.get(5, TimeUnit.SECONDS), sameSlow.get(5, TimeUnit.SECONDS));
            assertEquals(201, fast.questionsEmbedded, "the slow question was embedded once");
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

package org.healthkb;

import org.healthkb.semantic.Embedder;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FakeEmbedder} that counts the texts it embeds and embeds a batch only when the test
 * releases a permit: so a test can hold an import between its commits and look around.
 */
public final class GatedEmbedder implements Embedder {
    private final FakeEmbedder fake = new FakeEmbedder();
    /** One permit lets one batch through; {@link #open()} releases as many as any test needs. */
    public final Semaphore permits = new Semaphore(0);
    /** Texts embedded so far. */
    public final AtomicInteger embedded = new AtomicInteger();
    /** Batches waiting for a permit now. */
    public final AtomicInteger waiting = new AtomicInteger();

    /** One that lets every batch through, and only counts. */
    public static GatedEmbedder open() {
        GatedEmbedder embedder = new GatedEmbedder();
        embedder.permits.release(Integer.MAX_VALUE / 2);
        return embedder;
    }

    @Override
    public String model() {
        return fake.model();
    }

    @Override
    public List<float[]> passages(List<String> texts) {
        waiting.incrementAndGet();
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let this batch through");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            waiting.decrementAndGet();
        }
        embedded.addAndGet(texts.size());
        return fake.passages(texts);
    }

    @Override
    public float[] question(String text) {
        return fake.question(text);
    }
}

package org.healthkb;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for what happens on another thread, bounded: a test fails after 30 s rather than hang. */
public final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds, checking every 10 ms; fails naming {@code what} after 30 s. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}

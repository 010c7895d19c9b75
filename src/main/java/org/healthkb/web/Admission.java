package org.healthkb.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Back-pressure for searches: at most {@code running} run at once (about the core count: more only
 * share the same cores and all finish later), at most {@code waiting} more wait for a turn, each for
 * at most {@code maxWait}; beyond that a request is refused at once with 503 and Retry-After, so an
 * overloaded server answers some readers quickly and the rest promptly, instead of queueing without
 * bound until every answer is late. Answers from the cache never wait here. Thread-safe.
 */
final class Admission {
    /** Seconds a refused client is told to wait before asking again. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final Semaphore turns;
    private final int maxWaiting;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    Admission(int running, int waiting, Duration maxWait) {
        this.turns = new Semaphore(running);
        this.maxWaiting = waiting;
        this.maxWait = maxWait;
    }

    /**
     * {@code searchesPerCore} searches per core at once, sixteen waiting per core for at most 250 ms:
     * a server at 16 connections never refuses.
     */
    static Admission forThisMachine(int searchesPerCore) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Admission(searchesPerCore * cores, 16 * cores, Duration.ofMillis(250));
    }

    /** Thrown when a search is refused: the server is at capacity. */
    static final class Busy extends RuntimeException {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs {@code search} when a turn is free.
     *
     * @throws Busy when as many searches are already waiting as allowed, or no turn came within the wait
     */
    <T> T run(Supplier<T> search) {
        if (!turns.tryAcquire() && !waitForTurn()) {
            throw new Busy("no turn to search came within " + maxWait.toMillis() + " ms; ask again in "
                    + RETRY_AFTER_SECONDS + " s");
        }
        try {
            return search.get();
        } finally {
            turns.release();
        }
    }

    /** Waits for a turn when a waiting place is free; false when none is, or no turn came in time. */
    private boolean waitForTurn() {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new Busy("the server is answering as many questions as it can; ask again in " + RETRY_AFTER_SECONDS + " s");
        }
        try {
            return turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }
}

package org.healthkb.importer;

/**
 * How far an import is with embedding passages, for the admin status: done of total, the rate since
 * it began, and the time left at that rate.
 *
 * @param done        passages embedded so far
 * @param total       passages to embed
 * @param perSecond   passages embedded per second so far
 * @param secondsLeft the time left at that rate, or -1 before a rate is known
 */
public record EmbeddingProgress(int done, int total, double perSecond, long secondsLeft, long startedNanos) {
    static EmbeddingProgress start(int total) {
        return new EmbeddingProgress(0, total, 0, -1, System.nanoTime());
    }

    EmbeddingProgress at(int done) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        return new EmbeddingProgress(done, total, rate, rate > 0 ? Math.round((total - done) / rate) : -1, startedNanos);
    }
}

package org.healthkb.search;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where one search spent its time, stage by stage, in milliseconds of wall time: what a reader's
 * browser shows as {@code Server-Timing}, and what the benchmarks add up per stage. Measuring costs
 * a clock read per stage.
 *
 * @param millis time per stage, in the order the stages run; a stage that did not run is absent
 */
public record Timings(Map<Stage, Double> millis) {

    public Timings {
        millis = Collections.unmodifiableMap(new EnumMap<>(millis));
    }

    /** The stages of answering a question, in the order they run. */
    public enum Stage {
        /** parsing the question and checking its spelling */
        PARSE,
        /** building the word query and collecting its BM25 candidates */
        BM25,
        /** embedding the question, or finding its embedding in the cache */
        EMBEDDING,
        /** the passages nearest the question in meaning, from the HNSW graph */
        KNN,
        /** cosines of the other candidates, and the blend of the two signals */
        BLEND,
        /** keeping one section from filling the top */
        DIVERSITY,
        /** reading the page's passages */
        STORED,
        /** highlighting the page's passages */
        SNIPPETS,
        /** finding the words no passage has */
        MISSING
    }

    /** Measures one search; not thread-safe, one per request. */
    static final class Clock {
        private final EnumMap<Stage, Double> millis = new EnumMap<>(Stage.class);
        private long last = System.nanoTime();

        /** Charges the time since the previous lap (or the start) to {@code stage}. */
        void lap(Stage stage) {
            long now = System.nanoTime();
            millis.merge(stage, (now - last) / 1e6, Double::sum);
            last = now;
        }

        Timings timings() {
            return new Timings(millis);
        }
    }
}

package org.healthkb.search;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How each signal is put on a common scale before BM25 and meaning are mixed. */
class HybridRankingTest {
    @Test
    void threeDeviationsEitherSideOfTheMeanSpanZeroToOne() {
        HybridRanking.Spread spread = HybridRanking.Spread.of(new double[] {1, 3, 5, 7});
        assertEquals(4, spread.mean(), 1e-9);
        assertEquals(Math.sqrt(5), spread.deviation(), 1e-9);
        assertEquals(0.5, spread.scaled(4), 1e-9);
        assertEquals(0, spread.scaled(4 - 3 * Math.sqrt(5)), 1e-9);
        assertEquals(1, spread.scaled(4 + 3 * Math.sqrt(5)), 1e-9);
        assertTrue(spread.scaled(100) > 1, "an outlier goes beyond 1 rather than tying with the next");
    }

    @Test
    void aNarrowBandCountsAsMuchAsAWideOne() {
        // This model's cosines crowd between about 0.4 and 0.9; BM25 scores can be anything. What
        // counts is where a passage stands among the candidates, not the units.
        double[] cosines = {0.70, 0.71, 0.74, 0.79};
        double[] bm25 = {7.0, 8.0, 11.0, 16.0};
        HybridRanking.Spread meaning = HybridRanking.Spread.of(cosines);
        HybridRanking.Spread words = HybridRanking.Spread.of(bm25);
        for (int i = 0; i < cosines.length; i++) {
            assertEquals(words.scaled(bm25[i]), meaning.scaled(cosines[i]), 1e-9);
        }
    }

    @Test
    void candidatesAllAlikeGiveTheMiddleAndNoDivisionByZero() {
        HybridRanking.Spread alike = HybridRanking.Spread.of(new double[] {0.8, 0.8, 0.8});
        assertEquals(0.5, alike.scaled(0.8), 1e-9);
        assertEquals(0.5, HybridRanking.Spread.of(new double[] {}).scaled(0), 1e-9);
    }
}

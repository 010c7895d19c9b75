package org.healthkb.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {
    private static final Map<String, Integer> GRADES = Map.of("a", 2, "b", 1, "c", 0);

    @Test
    void ndcgUsesGradedGainsAndLogDiscounts() {
        assertEquals(1.0, Metrics.ndcg(List.of("a", "b", "x"), GRADES, 10), 1e-9);
        double dcg = 1 / (Math.log(2) / Math.log(2)) + 2 / (Math.log(3) / Math.log(2));
        double idcg = 2 + 1 / (Math.log(3) / Math.log(2));
        assertEquals(dcg / idcg, Metrics.ndcg(List.of("b", "a"), GRADES, 10), 1e-9);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "c"), GRADES, 10), 1e-9);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "a"), GRADES, 1), 1e-9);
    }

    @Test
    void recallSuccessAndReciprocalRank() {
        assertEquals(0.5, Metrics.recall(List.of("a", "x"), GRADES, 100), 1e-9);
        assertEquals(1.0, Metrics.success(List.of("x", "a"), GRADES, 2, 2));
        assertEquals(0.0, Metrics.success(List.of("b", "x"), GRADES, 2, 2), "grade 1 does not count as an answer");
        assertEquals(0.5, Metrics.reciprocalRank(List.of("b", "a"), GRADES, 10, 2), 1e-9);
        assertEquals(0.0, Metrics.reciprocalRank(List.of("x"), GRADES, 10, 2), 1e-9);
    }
}

package org.healthkb.eval;

import java.util.List;
import java.util.Map;

/**
 * Standard ranking measures over one ranked list and graded judgments (grade 0 or absent: not
 * relevant). Gains are the grades themselves, discounts log2(rank + 1), as trec_eval's ndcg_cut.
 */
public final class Metrics {
    private Metrics() {
    }

    public static double ndcg(List<String> ranked, Map<String, Integer> grades, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += grades.getOrDefault(ranked.get(i), 0) / log2(i + 2);
        }
        List<Integer> ideal = grades.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double recall(List<String> ranked, Map<String, Integer> grades, int k) {
        long relevant = grades.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream().limit(k).filter(id -> grades.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    /** 1 when one of the top {@code k} has at least {@code minGrade}, else 0. */
    public static double success(List<String> ranked, Map<String, Integer> grades, int k, int minGrade) {
        return ranked.stream().limit(k).anyMatch(id -> grades.getOrDefault(id, 0) >= minGrade) ? 1 : 0;
    }

    /** 1 / rank of the first result with at least {@code minGrade} within the top {@code k}, else 0. */
    public static double reciprocalRank(List<String> ranked, Map<String, Integer> grades, int k, int minGrade) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (grades.getOrDefault(ranked.get(i), 0) >= minGrade) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

package org.healthkb.eval;

import org.healthkb.importer.CorpusReader;
import org.healthkb.index.IndexUpdate;
import org.healthkb.content.Guide;
import org.healthkb.importer.PassageEmbedding;
import org.healthkb.opensearch.OpenSearchTarget;
import org.healthkb.search.Ranking;
import org.healthkb.search.SearchService;
import org.healthkb.semantic.OnnxEmbedder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Indexes a BEIR collection into a temporary index with the guides' analysis and ranking, runs every
 * judged query of a split, and reports mean nDCG@10 and Recall@100 (ties broken by score, then id).
 */
public final class BeirEvaluation {
    /**
     * The figures of one run. Success@1 and MRR@10 count any judged document as an answer; they say
     * more than nDCG@10 where a query is a question with one answer, as in MedQuAD.
     */
    public record Result(String collection, String split, int queries, double ndcg10, double recall100, double success1,
                         double mrr10, long millis) {
    }

    private BeirEvaluation() {
    }

    public static Result run(BeirCollection collection, String split, Ranking ranking) throws IOException {
        return run(collection, split, ranking, CorpusReader.Progress.NONE, null, null);
    }

    /**
     * The same, telling {@code progress} as documents are embedded (a few minutes for 5,000 abstracts
     * on two cores, unless {@code vectorCacheDir} has them from an earlier run; null for no cache), on
     * the embedded index or, where {@code openSearch} is given, in that cluster under names of the
     * run's own, deleted afterwards.
     */
    public static Result run(BeirCollection collection, String split, Ranking ranking, CorpusReader.Progress progress,
                             Path vectorCacheDir, OpenSearchTarget openSearch) throws IOException {
        long start = System.nanoTime();
        try (OnnxEmbedder embedder = OnnxEmbedder.bgeSmall();
             EvaluationContent content = EvaluationContent.open(openSearch, ranking, embedder.model())) {
            // A ranking by words alone needs no vectors: such a run takes seconds instead of minutes. With
            // them, every vector is written in the one commit, one segment, as the figures were measured.
            List<Guide> guides = List.of(collection.guide());
            Map<String, float[]> vectors = ranking.semantic()
                    ? PassageEmbedding.all(guides, embedder, vectorCacheDir, progress) : Map.of();
            content.store().apply(new IndexUpdate(true, guides, Map.of(), Set.of(), Map.of(), "",
                    ranking.semantic() ? embedder.model() : "", vectors));
            SearchService search = new SearchService(content.engine(), embedder, ranking,
                    SearchService.QUESTION_CACHE_ENTRIES, SearchService.TIME_BUDGET);
            double[] sums = collection.queries().entrySet().parallelStream().map(query -> {
                List<String> ranked = search.rankedIds(query.getValue(), 100);
                Map<String, Integer> grades = collection.qrels().get(query.getKey());
                return new double[] {Metrics.ndcg(ranked, grades, 10), Metrics.recall(ranked, grades, 100),
                        Metrics.success(ranked, grades, 1, 1), Metrics.reciprocalRank(ranked, grades, 10, 1)};
            }).reduce(new double[4], BeirEvaluation::plus);
            int n = collection.queries().size();
            return new Result(collection.name(), split, n, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static double[] plus(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}

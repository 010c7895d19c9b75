package org.healthkb.eval;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.eval.JudgedQuestions.Question;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.CorpusReader;
import org.healthkb.reindex.ImportBusyException;
import org.healthkb.reindex.ImportOptions;
import org.healthkb.reindex.ShrinkRefusedException;
import org.healthkb.search.Ranking;
import org.healthkb.search.Hit;
import org.healthkb.search.SearchResults;
import org.healthkb.search.SearchService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs judged reader questions through the same search readers use (including the corrected
 * question when nothing matches) and measures the first page. Success and reciprocal rank count
 * only passages that answer (grade 2); nDCG counts both grades.
 */
public final class GuideEvaluation {
    static final int PAGE = 10;

    /** One measure over a group of questions: its mean, and the 95% bootstrap interval around it. */
    public record Figure(double mean, double low, double high) {
    }

    /** The figures of one group of questions. */
    public record Scores(int questions, Figure success1, Figure success3, Figure mrr10, Figure ndcg10) {
    }

    /** A question whose first result does not answer it, with what came first instead. */
    public record Miss(Question question, String firstId, String firstText, int answerRank) {
    }

    /** Scores for the tuning and held-out questions, and every miss. */
    public record Report(Scores tuning, Scores heldOut, List<Miss> misses) {
    }

    private GuideEvaluation() {
    }

    /**
     * Imports {@code corpus} into a temporary index ranked with {@code ranking} and runs the questions
     * on it; the served index is never touched.
     */
    public static Report run(Path corpus, Ranking ranking, List<Question> questions)
            throws IOException, CorpusException, ShrinkRefusedException, ImportBusyException {
        try (TemporaryIndex dir = new TemporaryIndex();
             KnowledgeBase kb = KnowledgeBase.open(new Settings(corpus, dir.path(), ranking, null))) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            return run(kb.search(), questions);
        }
    }

    public static Report run(SearchService search, List<Question> questions) {
        List<double[]> tuning = new ArrayList<>();
        List<double[]> heldOut = new ArrayList<>();
        List<Miss> misses = new ArrayList<>();
        for (Question question : questions) {
            SearchResults results = search.search(question.text(), PAGE, 0);
            Map<String, Integer> grades = question.grades();
            List<String> ranked = results.hits().stream().map(hit -> key(hit, grades)).toList();
            double[] scores = {Metrics.success(ranked, grades, 1, 2), Metrics.success(ranked, grades, 3, 2),
                    Metrics.reciprocalRank(ranked, grades, PAGE, 2), Metrics.ndcg(ranked, grades, PAGE)};
            (question.heldOut() ? heldOut : tuning).add(scores);
            if (scores[0] == 0) {
                Hit first = results.hits().isEmpty() ? null : results.hits().getFirst();
                int rank = scores[2] == 0 ? 0 : (int) Math.round(1 / scores[2]);
                misses.add(new Miss(question, first == null ? "(nothing)" : first.id(), first == null ? "" : first.text(), rank));
            }
        }
        return new Report(scores(tuning), scores(heldOut), misses);
    }

    /** Judgments name a passage by its full id ({@code slug#anchor}) or, within one guide, by its anchor. */
    private static String key(Hit hit, Map<String, Integer> grades) {
        return grades.containsKey(hit.id()) ? hit.id() : hit.id().substring(hit.id().indexOf('#') + 1);
    }

    private static Scores scores(List<double[]> rows) {
        double[] sum = new double[4];
        rows.forEach(r -> {
            for (int i = 0; i < 4; i++) {
                sum[i] += r[i];
            }
        });
        int n = Math.max(1, rows.size());
        Bootstrap.Interval[] intervals = Bootstrap.intervals(rows, 4);
        Figure[] figures = new Figure[4];
        for (int i = 0; i < 4; i++) {
            figures[i] = new Figure(sum[i] / n, intervals[i].low(), intervals[i].high());
        }
        return new Scores(rows.size(), figures[0], figures[1], figures[2], figures[3]);
    }
}

package org.healthkb.eval;

import org.healthkb.KnowledgeBase;
import org.healthkb.opensearch.OpenSearchTarget;
import org.healthkb.eval.JudgedQuestions.Question;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportBusyException;
import org.healthkb.importer.ImportOptions;
import org.healthkb.importer.ShrinkRefusedException;
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

    /** What the first page did for one question. */
    public record Answer(Question question, double success1, double success3, double reciprocalRank, double ndcg10) {
        double[] figures() {
            return new double[] {success1, success3, reciprocalRank, ndcg10};
        }
    }

    /** Scores for the tuning and held-out questions, every miss, and each question's own figures. */
    public record Report(Scores tuning, Scores heldOut, List<Miss> misses, List<Answer> answers) {
    }

    /** How much one ranking gains over another on the same questions: each figure is a mean difference. */
    public record Comparison(Scores tuning, Scores heldOut) {
    }

    private GuideEvaluation() {
    }

    /**
     * Imports {@code corpus} into a temporary index ranked with {@code ranking} and runs the questions
     * on it; the served index is never touched.
     */
    public static Report run(Path corpus, Ranking ranking, List<Question> questions)
            throws IOException, CorpusException, ShrinkRefusedException, ImportBusyException {
        return run(corpus, ranking, questions, null);
    }

    /** The same, on the OpenSearch cluster {@code openSearch} (under names of the run's own) unless it is null. */
    public static Report run(Path corpus, Ranking ranking, List<Question> questions, OpenSearchTarget openSearch)
            throws IOException, CorpusException, ShrinkRefusedException, ImportBusyException {
        try (EvaluationContent content = EvaluationContent.create(openSearch);
             KnowledgeBase kb = KnowledgeBase.open(content.settings(corpus, ranking))) {
            ImportOptions.Vectors vectors = ranking.semantic() ? ImportOptions.Vectors.EMBED : ImportOptions.Vectors.NONE;
            kb.reindexer().run(new ImportOptions(false, false, vectors), CorpusReader.Progress.NONE, true);
            return run(kb.search(), questions);
        }
    }

    public static Report run(SearchService search, List<Question> questions) {
        List<Answer> answers = new ArrayList<>();
        List<Miss> misses = new ArrayList<>();
        for (Question question : questions) {
            SearchResults results = search.search(question.text(), PAGE, 0);
            Map<String, Integer> grades = question.grades();
            List<String> ranked = results.hits().stream().map(hit -> key(hit, grades)).toList();
            Answer answer = new Answer(question, Metrics.success(ranked, grades, 1, 2), Metrics.success(ranked, grades, 3, 2),
                    Metrics.reciprocalRank(ranked, grades, PAGE, 2), Metrics.ndcg(ranked, grades, PAGE));
            answers.add(answer);
            if (answer.success1() == 0) {
                Hit first = results.hits().isEmpty() ? null : results.hits().getFirst();
                int rank = answer.reciprocalRank() == 0 ? 0 : (int) Math.round(1 / answer.reciprocalRank());
                misses.add(new Miss(question, first == null ? "(nothing)" : first.id(), first == null ? "" : first.text(), rank));
            }
        }
        return new Report(scores(answers, false, List.of()), scores(answers, true, List.of()), misses, answers);
    }

    /**
     * The gain of {@code report} over {@code baseline}, question by question, with the interval of
     * each mean difference from resampling the questions; both must have run the same questions.
     */
    public static Comparison compare(Report report, Report baseline) {
        if (!report.answers().stream().map(Answer::question).toList()
                .equals(baseline.answers().stream().map(Answer::question).toList())) {
            throw new IllegalArgumentException("the two reports ran different questions");
        }
        return new Comparison(scores(report.answers(), false, baseline.answers()),
                scores(report.answers(), true, baseline.answers()));
    }

    /** Judgments name a passage by its full id ({@code slug#anchor}) or, within one guide, by its anchor. */
    private static String key(Hit hit, Map<String, Integer> grades) {
        return grades.containsKey(hit.id()) ? hit.id() : hit.id().substring(hit.id().indexOf('#') + 1);
    }

    /** The figures of the held-out or the tuning answers, less those of {@code baseline} where given. */
    private static Scores scores(List<Answer> answers, boolean heldOut, List<Answer> baseline) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).question().heldOut() == heldOut) {
                double[] row = answers.get(i).figures();
                if (!baseline.isEmpty()) {
                    double[] base = baseline.get(i).figures();
                    for (int f = 0; f < row.length; f++) {
                        row[f] -= base[f];
                    }
                }
                rows.add(row);
            }
        }
        Figure[] figures = Bootstrap.figures(rows, 4);
        return new Scores(rows.size(), figures[0], figures[1], figures[2], figures[3]);
    }
}

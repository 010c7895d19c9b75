package org.healthkb.cli;

import org.healthkb.Settings;

import org.healthkb.eval.BeirCollection;
import org.healthkb.opensearch.OpenSearchTarget;
import org.healthkb.eval.BeirEvaluation;
import org.healthkb.eval.GuideEvaluation;
import org.healthkb.eval.JudgedQuestions;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.ImportBusyException;
import org.healthkb.importer.ShrinkRefusedException;
import org.healthkb.search.Ranking;
import org.healthkb.search.SearchMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./kb eval}: ranking quality on the judged reader questions, or on a BEIR collection.
 * {@code --ranking plain} evaluates Anserini's plain BM25 floor; {@code --set name=value,...} changes
 * settings of {@link Ranking} for tuning runs on train/dev splits; {@code --baseline name=value,...}
 * also ranks the questions with those settings changed and prints how much the ranking gains over it,
 * question by question, so that a change is judged by more than its means.
 */
@Command(name = "eval", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Measure ranking on the judged reader questions (corpus/eval/questions.json), each figure with its"
                + " 95%% interval, or, with --beir, on a BEIR-format test collection in a temporary index."})
final class EvalCommand implements Callable<Integer> {
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--questions", paramLabel = "FILE",
            description = "judged questions (default: eval/questions.json in the corpus)")
    Path questions;
    @Option(names = "--corpus", paramLabel = "DIR", description = "the corpus folder (default: corpus beside ./kb)")
    Path corpus;
    @Option(names = "--beir", paramLabel = "DIR",
            description = "a BEIR-format collection (corpus.jsonl, queries.jsonl, qrels/) instead")
    Path beir;
    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "the BEIR split whose qrels judge (default: ${DEFAULT-VALUE})")
    String split;
    @Option(names = "--ranking", paramLabel = "default|plain", defaultValue = "default",
            description = "our ranking, or Anserini's plain BM25 as the floor (default: ${DEFAULT-VALUE})")
    String rankingName;
    @Option(names = "--mode", paramLabel = "keyword|hybrid", defaultValue = "hybrid",
            description = "rank by words only, or by words and meaning (default: ${DEFAULT-VALUE})")
    String mode;
    @Option(names = "--set", paramLabel = "NAME=VALUE,...", defaultValue = "",
            description = "change ranking settings, as tuning runs on train/dev splits do")
    String set;
    @Option(names = "--baseline", paramLabel = "NAME=VALUE,...",
            description = "also rank with these settings changed and print the gain over them, question by question")
    String baseline;
    @Mixin
    EngineOptions engine;

    EvalCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Ranking ranking = ranking();
        try {
            if (beir != null) {
                if (baseline != null) {
                    throw new UsageException("--baseline compares rankings on the judged questions, not with --beir");
                }
                return beir(beir, split, ranking, engine.target(), out);
            }
            Path corpusDir = corpus == null ? home.resolve("corpus") : corpus;
            Ranking baselineRanking = baseline != null ? changed(ranking, baseline, "--baseline") : null;
            if (ranking.equals(baselineRanking)) {
                throw new UsageException("--baseline " + baseline
                        + " is the ranking itself; name a setting that differs from it, such as semanticWeight=0");
            }
            return questions(questions == null ? corpusDir.resolve("eval/questions.json") : questions, corpusDir, ranking,
                    baselineRanking, engine.target(), out, err);
        } catch (IOException e) {
            err.println("kb: evaluation failed: " + e.getMessage());
            return 1;
        }
    }

    /** The ranking asked for; {@code --mode keyword} is the same without meaning, as {@code /api/search?mode=keyword} ranks. */
    private Ranking ranking() {
        Ranking base = switch (rankingName) {
            case "default" -> Ranking.DEFAULT;
            case "plain" -> Ranking.PLAIN_BM25;
            default -> throw new UsageException("--ranking must be default or plain");
        };
        Ranking ranking = changed(base, set, "--set");
        return switch (mode) {
            case "hybrid" -> ranking;
            case "keyword" -> ranking.withoutMeaning();
            default -> throw new UsageException("--mode must be one of " + SearchMode.labels());
        };
    }

    /** {@code base} with the settings of {@code pairs} ("name=value,name=value") changed. */
    private static Ranking changed(Ranking base, String pairs, String option) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw new UsageException(option + " takes name=value pairs separated by commas, not '" + pair + "'");
                }
                settings.put(kv[0].strip(), kv[1].strip());
            }
        }
        try {
            return base.with(settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int beir(Path dir, String split, Ranking ranking, OpenSearchTarget openSearch, PrintStream out)
            throws IOException {
        if (!Files.isRegularFile(dir.resolve("qrels").resolve(split + ".tsv"))) {
            throw new UsageException(dir + " has no qrels/" + split + ".tsv");
        }
        BeirEvaluation.Result result = BeirEvaluation.run(BeirCollection.load(dir, split), split, ranking,
                ProgressPrinter.forTerminal(out), Settings.defaultVectorCacheDir(), openSearch);
        out.printf("%s %s: %d queries, nDCG@10 %.4f, Recall@100 %.4f, success@1 %.3f, MRR@10 %.3f (%d ms)%n",
                result.collection(), result.split(), result.queries(), result.ndcg10(), result.recall100(), result.success1(),
                result.mrr10(), result.millis());
        out.println("ranking: " + ranking);
        return 0;
    }

    private static int questions(Path file, Path corpus, Ranking ranking, Ranking baseline, OpenSearchTarget openSearch,
                                 PrintStream out, PrintStream err) throws IOException {
        try {
            List<JudgedQuestions.Question> questions = JudgedQuestions.load(file);
            GuideEvaluation.Report report = GuideEvaluation.run(corpus, ranking, questions, openSearch);
            print("tuning", report.tuning(), false, out);
            print("held-out", report.heldOut(), false, out);
            out.println("(each interval: where 95% of the means fall when the questions are resampled with replacement)");
            if (baseline != null) {
                GuideEvaluation.Comparison gain = GuideEvaluation.compare(report,
                        GuideEvaluation.run(corpus, baseline, questions, openSearch));
                out.printf("%ngain over the baseline %s, question by question:%n", baseline.differencesFrom(ranking));
                print("tuning", gain.tuning(), true, out);
                print("held-out", gain.heldOut(), true, out);
            }
            out.printf("%nmisses (first result does not answer): %d%n", report.misses().size());
            for (GuideEvaluation.Miss miss : report.misses()) {
                out.printf("  %s%s \"%s\"%n    first: %s%n    answer at rank: %s%n", miss.question().id(),
                        miss.question().heldOut() ? " (held out)" : "", miss.question().text(), miss.firstId(),
                        miss.answerRank() == 0 ? "not in the top 10" : miss.answerRank());
            }
            return 0;
        } catch (CorpusException | ShrinkRefusedException | ImportBusyException e) {
            err.println("kb: the corpus in " + corpus + " could not be imported: " + e.getMessage());
            return 1;
        }
    }

    /** One group's figures and intervals; a gain is printed with its sign. */
    private static void print(String name, GuideEvaluation.Scores s, boolean gain, PrintStream out) {
        String sign = gain ? "+" : "";
        String figures = "%-9s %2d questions  success@1 F  success@3 F  MRR@10 F  nDCG@10 F%n".replace("F", "%" + sign + ".3f");
        out.printf(figures, name, s.questions(), s.success1().mean(), s.success3().mean(), s.mrr10().mean(), s.ndcg10().mean());
        String range = "%" + sign + ".2f to %" + sign + ".2f";
        out.printf("          95%% interval  success@1 %s  success@3 %s  MRR@10 %s  nDCG@10 %s%n",
                range(s.success1(), range), range(s.success3(), range), range(s.mrr10(), range), range(s.ndcg10(), range));
    }

    private static String range(GuideEvaluation.Figure figure, String format) {
        return String.format(format, figure.low(), figure.high());
    }
}

package org.healthkb.cli;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.eval.JudgedQuestions;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.healthkb.semantic.Embedder;
import org.healthkb.semantic.OnnxEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path temp;

    /** Exit status and both output streams of one command. */
    record Run(int status, String out, String err) {
    }

    static Run kb(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void indexPrintsAReportAndSearchShowsTheMonthlyPrice() {
        String index = temp.resolve("index").toString();
        Run indexed = kb("index", "--corpus", TestCorpus.REAL.toString(), "--index", index);
        assertEquals(0, indexed.status(), indexed.err());
        int passages = TestCorpus.realPassages();
        assertTrue(indexed.out().contains("passages:  " + passages + " added, 0 updated, 0 deleted (" + passages + " in index)"),
                indexed.out());
        assertTrue(indexed.out().contains("providers: 7 added"), indexed.out());
        assertTrue(indexed.out().contains("warnings: 2"), indexed.out());

        Run search = kb("search", "how much does Kalm Health cost per month", "--index", index);
        assertEquals(0, search.status(), search.err());
        assertTrue(search.out().contains("$124/[month]"), search.out());
        assertTrue(search.out().contains("/guides/treatment-resistant-depression#"), search.out());
    }

    @Test
    void anIndexWithoutVectorsAnswersByKeywordAndRefusesHybridSayingWhy() {
        String index = temp.resolve("index").toString();
        Run indexed = kb("index", "--no-vectors", "--corpus", TestCorpus.REAL.toString(), "--index", index);
        assertEquals(0, indexed.status(), indexed.err());

        Run keyword = kb("search", "is joyous capped", "--index", index);
        assertEquals(0, keyword.status(), keyword.err());
        assertTrue(keyword.out().matches("(?s)\\d+ passages match \\(keyword, \\d+ ms\\).*"), keyword.out());
        assertTrue(keyword.out().contains("#how-other-providers-handle-trd-joyous"), keyword.out());

        Run hybrid = kb("search", "is joyous capped", "--mode", "hybrid", "--index", index);
        assertEquals(1, hybrid.status());
        assertTrue(hybrid.err().contains("--mode hybrid: hybrid ranking needs passage vectors") && hybrid.err().contains("--no-vectors"),
                hybrid.err());
        assertEquals(2, kb("search", "is joyous capped", "--mode", "fast", "--index", index).status());
    }

    @Test
    void anInvalidProviderFileFailsNamingItAndTheOldIndexStillAnswers() {
        String index = temp.resolve("index").toString();
        assertEquals(0, kb("index", "--corpus", TestCorpus.REAL.toString(), "--index", index).status());
        Path copy = TestCorpus.copy(temp);
        TestCorpus.write(copy, "providers/mindbloom.json", TestCorpus.read(copy, "providers/mindbloom.json")
                .replace("\"Good\"", "\"Superb\"").replace("Higher doses possible", "EDITED NOTE"));

        Run refused = kb("index", "--corpus", copy.toString(), "--index", index);
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("providers/mindbloom.json, field 'trdSuitability': unknown value 'Superb'"), refused.err());
        assertTrue(refused.err().contains("the index was not changed"), refused.err());

        Run search = kb("search", "mindbloom per-session cost", "--index", index);
        assertEquals(0, search.status());
        assertTrue(search.out().contains("Higher doses possible"), search.out());
        assertFalse(search.out().contains("No passage mentions"), search.out());
        Run uncovered = kb("search", "mindbloom insurance", "--index", index);
        assertTrue(uncovered.out().contains("No passage mentions: insurance"), uncovered.out());
    }

    @Test
    void evalPrintsTuningAndHeldOutFiguresAndEachMiss() throws Exception {
        Run eval = kb("eval", "--corpus", TestCorpus.REAL.toString());
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().matches("(?s)tuning +" + questions(false) + " questions +success@1 0\\.\\d{3} +success@3 .*"),
                eval.out());
        assertTrue(eval.out().contains("held-out  " + questions(true) + " questions"), eval.out());
        assertTrue(eval.out().matches("(?s).*\\n {10}95% interval  success@1 [01]\\.\\d\\d to [01]\\.\\d\\d  success@3 .*"), eval.out());
        assertFalse(eval.out().contains("gain over the baseline"), "no baseline, no comparison");
        assertTrue(eval.out().contains("misses (first result does not answer):"), eval.out());
        assertTrue(eval.out().contains("    first: treatment-resistant-depression#"), eval.out());
    }

    @Test
    void evalAgainstABaselinePrintsTheGainQuestionByQuestion() throws Exception {
        Run eval = kb("eval", "--corpus", TestCorpus.REAL.toString(), "--baseline", "semanticWeight=0");
        assertEquals(0, eval.status(), eval.err());
        String gain = eval.out().substring(eval.out().indexOf("gain over the baseline semanticWeight=0.0, question by question:"));
        assertTrue(gain.matches("(?s).*\\ntuning +" + questions(false) + " questions +success@1 [+-]0\\.\\d{3} .*"), gain);
        assertTrue(gain.matches("(?s).*\\n {10}95% interval  success@1 [+-]0\\.\\d\\d to [+-]0\\.\\d\\d .*"), gain);

        Run same = kb("eval", "--corpus", TestCorpus.REAL.toString(), "--baseline", "diversityWindow=10");
        assertEquals(2, same.status(), "a baseline equal to the ranking compares nothing");
        assertTrue(same.err().contains("--baseline"), same.err());
        assertEquals(2, kb("eval", "--baseline", "semanticWeight").status());
        assertEquals(2, kb("eval", "--beir", temp.toString(), "--baseline", "k1=1").status());
    }

    @Test
    void evalRefusesUnknownRankingSettings() {
        Run run = kb("eval", "--set", "k2=1");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("unknown ranking setting 'k2'"), run.err());
        assertEquals(2, kb("eval", "--beir", temp.toString()).status(), "a folder without qrels is a usage error");
    }

    @Test
    void searchWithoutAnIndexSaysToIndexFirst() {
        Run run = kb("search", "ketamine", "--index", temp.resolve("none").toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("run ./kb index first"), run.err());
    }

    @Test
    void searchWarnsWhenTheIndexWasBuiltWithAnotherModelUntilItIsRebuilt() throws Exception {
        Path index = temp.resolve("index");
        Embedder shipped = OnnxEmbedder.bgeSmall();
        Embedder another = new Embedder() {
            @Override
            public String model() {
                return "another-model";
            }

            @Override
            public List<float[]> passages(List<String> texts) {
                return shipped.passages(texts);
            }

            @Override
            public float[] question(String text) {
                return shipped.question(text);
            }
        };
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(TestCorpus.REAL, index), another)) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
        }

        Run stale = kb("search", "ketamine dose", "--index", index.toString());
        assertEquals(0, stale.status(), stale.err());
        assertTrue(stale.err().contains("was built by another version of kb or embedding model"), stale.err());
        assertTrue(stale.out().contains("passages match"), stale.out());

        assertEquals(0, kb("index", "--corpus", TestCorpus.REAL.toString(), "--index", index.toString()).status());
        Run rebuilt = kb("search", "ketamine dose", "--index", index.toString());
        assertEquals("", rebuilt.err());
    }

    @Test
    void usageMistakesExitWithStatusTwo() {
        assertEquals(2, kb().status());
        assertEquals(2, kb("frobnicate").status());
        Run badLimit = kb("search", "ketamine", "--limit", "0");
        assertEquals(2, badLimit.status());
        assertTrue(badLimit.err().contains("--limit must be between 1 and 50"), badLimit.err());
        Run unknown = kb("index", "--colour");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("Unknown option: '--colour'") && unknown.err().contains("Usage: kb index"),
                unknown.err());
        assertEquals(2, kb("serve", "--port", "70000").status());
        assertEquals(2, kb("search", "ketamine", "--limit", "many").status(), "not a number");
        Run help = kb("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("Usage: kb [-hV] COMMAND"), help.out());
    }

    @Test
    void helpListsEveryCommandAndEveryOptionFromTheDeclarationsThatParseThem() {
        String top = kb("--help").out();
        for (String command : List.of("index", "search", "serve", "eval")) {
            assertTrue(top.contains("  " + command + " "), command + " in\n" + top);
        }
        Map<String, List<String>> options = Map.of(
                "index", List.of("--corpus", "--index", "--full", "--allow-shrink", "--no-vectors"),
                "search", List.of("--limit", "--index", "--mode", "QUESTION"),
                "serve", List.of("--port", "--host", "--corpus", "--index", "--watch", "--cache-mb", "--cors-origins"),
                "eval", List.of("--questions", "--corpus", "--beir", "--split", "--ranking", "--mode", "--set", "--baseline"));
        options.forEach((command, names) -> {
            Run help = kb(command, "--help");
            assertEquals(0, help.status());
            names.forEach(name -> assertTrue(help.out().contains(name), command + " --help names " + name + ":\n" + help.out()));
        });
    }

    /** How many judged questions the real corpus has, held out or for tuning. */
    private static long questions(boolean heldOut) throws java.io.IOException {
        return JudgedQuestions.load(TestCorpus.REAL.resolve("eval/questions.json")).stream()
                .filter(q -> q.heldOut() == heldOut).count();
    }
}

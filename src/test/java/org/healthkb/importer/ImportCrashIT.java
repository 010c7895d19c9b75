package org.healthkb.importer;

import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.healthkb.FakeEmbedder;
import org.healthkb.TestCorpus;
import org.healthkb.cli.Main;
import org.healthkb.index.CommitRecord;
import org.healthkb.index.Fields;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a child JVM with SIGKILL at random moments of an import, at least twenty times, and checks
 * that the index then passes CheckIndex and holds exactly the old or exactly the new content; stops
 * {@code ./kb index} with SIGTERM and checks it gives up or commits, and says which.
 */
class ImportCrashIT {
    /** Kills, an even number: they run in pairs. */
    private static final int TRIALS = 20;
    /** Synthetic guides in the kill tests' corpus (twelve passages each), and in the SIGTERM test's, which embeds them for real. */
    private static final int GUIDES = 80;
    private static final int GUIDES_EMBEDDED = 30;
    private static final long SEED = 20261127L;
    /** Moments of SIGTERM, as shares of a whole {@code ./kb index} run: from reading, through the commit, to the vectors. */
    private static final double[] SIGTERM_AT = {0.4, 0.7};

    @TempDir
    static Path shared;
    /** The old corpus, the new one, and the old corpus's index, built once for every test. */
    private static Path before;
    private static Path after;
    private static Path pristine;

    @TempDir
    Path temp;

    @BeforeAll
    static void buildTheOldIndex() throws Exception {
        before = syntheticCorpus(shared, 0, GUIDES);
        after = syntheticCorpus(shared, 1, GUIDES);
        pristine = shared.resolve("pristine-index");
        assertEquals(0, child(before, pristine, -1), "building the old index");
    }

    /**
     * The synthetic corpus of {@code guides} guides: {@code version} 0 is the old content, 1 edits,
     * drops and adds guides (thirty, more than one batch of vectors) and records.
     */
    static Path syntheticCorpus(Path dir, int version, int guides) {
        Path corpus = dir.resolve("corpus-" + guides + "-v" + version);
        TestCorpus.copy(dir.resolve("real-" + guides + "-v" + version)).toFile().renameTo(corpus.toFile());
        for (int g = 0; g < guides + (version == 1 ? 30 : 0); g++) {
            if (version == 1 && g % 8 == 0) {
                continue;
            }
            StringBuilder body = new StringBuilder();
            for (int s = 0; s < 3; s++) {
                body.append("<h2 id=\"section-").append(s).append("\">Synthetic section ").append(s).append("</h2>\n");
                for (int p = 0; p < 4; p++) {
                    boolean edited = version == 1 && g % 3 == 0;
                    body.append("<p>Synthetic crash-test paragraph ").append(p).append(" of guide ").append(g)
                            .append(edited ? " in its edited version" : "")
                            .append(", written by ImportCrashIT with enough words to stand alone.</p>\n");
                }
            }
            TestCorpus.write(corpus, "guides/synthetic-" + g + ".html",
                    TestCorpus.syntheticGuide("Synthetic crash guide " + g, body.toString()));
        }
        if (version == 1) {
            TestCorpus.write(corpus, "providers/peak.json", TestCorpus.read(corpus, "providers/peak.json")
                    .replace("Standard telehealth model", "Standard telehealth model (crash-test edit)"));
        }
        return corpus;
    }

    record Content(Map<String, String> hashes, Map<String, String> passages) {
        static Content of(Corpus corpus) {
            Map<String, String> passages = new HashMap<>();
            for (Guide guide : corpus.guides()) {
                for (Passage passage : guide.passages()) {
                    passages.put(passage.id(), passage.text());
                }
            }
            return new Content(corpus.hashes(), passages);
        }
    }

    @Test
    void killingAnImportAtAnyMomentLeavesTheOldOrTheNewContentInFull() throws Exception {
        Content old = Content.of(new CorpusReader().read(before));
        Content fresh = Content.of(new CorpusReader().read(after));
        long[] phases = timedRun(pristine, temp.resolve("timed"), after);
        long readAt = phases[0];
        long writeAt = phases[1];
        long committedAt = phases[2];
        Random random = new Random(SEED);
        int sawOld = 0;
        int sawNew = 0;
        // Two children at a time, one per core: each kill still falls at its own random moment of its own run.
        for (int round = 0; round < TRIALS / 2; round++) {
            List<Process> children = new ArrayList<>();
            List<Long> killAfter = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int trial = 2 * round + i;
                Path index = temp.resolve("index-" + i);
                copy(pristine, index);
                // Half the kills anywhere in the run, half where it writes and commits, the moments that matter most.
                killAfter.add(trial % 2 == 0 ? (long) (random.nextDouble() * (committedAt + 100))
                        : writeAt - 50 + (long) (random.nextDouble() * (committedAt - writeAt + 300)));
                children.add(start(after, index, ProcessBuilder.Redirect.DISCARD));
            }
            killAt(children, killAfter);
            for (int i = 0; i < 2; i++) {
                if (verify(temp.resolve("index-" + i), old, fresh) == old) {
                    sawOld++;
                } else {
                    sawNew++;
                }
            }
        }
        System.out.printf("ImportCrashIT: %d kills at random points of an import (read done at %d ms, passages committed at %d ms,"
                + " committed at %d ms, seed %d): %d left the old content, %d the new, 0 a mix; CheckIndex clean every time%n",
                TRIALS, readAt, writeAt, committedAt, SEED, sawOld, sawNew);
        assertEquals(TRIALS, sawOld + sawNew);
    }

    /** SIGKILLs each child after its own delay from now (those still running), then waits for all of them. */
    private static void killAt(List<Process> children, List<Long> killAfterMs) throws InterruptedException {
        long started = System.nanoTime();
        List<Integer> order = new ArrayList<>(List.of(0, 1));
        order.sort(java.util.Comparator.comparing(killAfterMs::get));
        for (int i : order) {
            long wait = killAfterMs.get(i) - (System.nanoTime() - started) / 1_000_000;
            if (!children.get(i).waitFor(Math.max(0, wait), TimeUnit.MILLISECONDS)) {
                children.get(i).destroyForcibly();
            }
        }
        for (Process child : children) {
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
        }
    }

    @Test
    void anImportReportedDoneSurvivesAKillRightAfterIt() throws Exception {
        Content fresh = Content.of(new CorpusReader().read(after));
        Path index = temp.resolve("index");
        copy(pristine, index);
        Process process = start(after, index, ProcessBuilder.Redirect.PIPE);
        assertTrue(killAtLine(process, "committed ") != null, "the import said it was done");
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(fresh, verify(index, Content.of(new CorpusReader().read(before)), fresh),
                "what the import reported is there after the kill");
    }

    @Test
    void killedBetweenItsStagesAnImportLeavesEveryPassageSearchableAndTheNextAddsTheVectors() throws Exception {
        Content fresh = Content.of(new CorpusReader().read(after));
        Path index = temp.resolve("index");
        copy(pristine, index);
        Process process = start(after, index, ProcessBuilder.Redirect.PIPE);
        String searchable = killAtLine(process, "searchable ");
        assertTrue(searchable != null, "the import committed its passages before their vectors");
        int waiting = Integer.parseInt(searchable.split(" ")[2]);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertTrue(waiting > 0, "a large import leaves vectors for later commits");
        assertEquals(fresh, verify(index, Content.of(new CorpusReader().read(before)), fresh),
                "every committed passage is there after the kill");
        try (KnowledgeIndex opened = KnowledgeIndex.open(index, new BM25Similarity(), new FakeEmbedder().model())) {
            assertTrue(opened.passagesWithoutVectors() > 0, "killed before every vector was added");
        }

        assertEquals(0, child(after, index, -1), "the next import runs to the end");
        assertEquals(fresh, verify(index, Content.of(new CorpusReader().read(before)), fresh));
        try (KnowledgeIndex opened = KnowledgeIndex.open(index, new BM25Similarity(), new FakeEmbedder().model())) {
            assertEquals(0, opened.passagesWithoutVectors(), "the next import added the missing vectors");
        }
    }

    @Test
    void sigtermGivesUpAnImportBeforeItsCommitOrStopsAddingVectorsAfterItAndSaysWhich() throws Exception {
        Path before = syntheticCorpus(temp, 0, GUIDES_EMBEDDED);
        Path after = syntheticCorpus(temp, 1, GUIDES_EMBEDDED);
        Content old = Content.of(new CorpusReader().read(before));
        Content fresh = Content.of(new CorpusReader().read(after));
        // ./kb index embeds with the shipped model: its old index is built by ./kb index too.
        Path shippedPristine = temp.resolve("pristine-shipped");
        assertTrue(cli(before, shippedPristine, -1).output().contains("Indexed "), "building the old index with ./kb");
        Path index = temp.resolve("index");
        copy(shippedPristine, index);
        long wholeRun = System.nanoTime();
        CliRun full = cli(after, index, -1);
        wholeRun = (System.nanoTime() - wholeRun) / 1_000_000;
        assertTrue(full.output().contains("Indexed "), full.output());

        List<String> outcomes = new ArrayList<>();
        long slowestStopMs = 0;
        for (double share : SIGTERM_AT) {
            copy(shippedPristine, index);
            CliRun run = cli(after, index, (long) (share * wholeRun));
            Content found = verify(index, old, fresh);
            boolean gaveUp = run.output().contains("the import was stopped before it wrote anything");
            boolean committed = run.output().contains("Indexed ");
            boolean vectorsLeft = run.output().contains("still without one");
            assertTrue(!(gaveUp && committed), run.output());
            assertEquals(committed ? fresh : old, found, "the content matches what ./kb index said: " + run.output());
            if (gaveUp || vectorsLeft) {
                slowestStopMs = Math.max(slowestStopMs, run.stopMs());
            }
            outcomes.add(share + ": " + (gaveUp ? "gave up" : vectorsLeft ? "committed, vectors left for the next import"
                    : committed ? "committed" : "ended before the import began") + " " + run.stopMs() + " ms after SIGTERM");
        }
        System.out.printf("ImportCrashIT: SIGTERM to ./kb index (a whole run takes %d ms): %s%n", wholeRun, outcomes);
        assertTrue(outcomes.stream().anyMatch(o -> o.contains("vectors left")),
                "a SIGTERM while vectors are added stops, keeping the committed passages: " + outcomes);
        assertTrue(slowestStopMs < 20_000, "stopping waits for one batch of passages at most, not the whole embedding: "
                + outcomes);
    }

    /** Reads the child's output up to the line starting with {@code prefix}, then SIGKILLs it at once; that line, or null. */
    private static String killAtLine(Process process, String prefix) throws IOException {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith(prefix)) {
                // the import's earlier stages
            }
            process.destroyForcibly();
            return line;
        }
    }

    /** What {@code ./kb index} printed, and how long after SIGTERM it exited (0 without one). */
    private record CliRun(String output, long stopMs) {
    }

    /** Runs {@code ./kb index} in a child JVM; sends SIGTERM after {@code termAfterMs} unless negative. */
    private static CliRun cli(Path corpus, Path index, long termAfterMs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path output = Files.createTempFile(index.getParent(), "kb-index", ".txt");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "index", "--corpus", corpus.toString(), "--index", index.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        long signalled = 0;
        if (termAfterMs >= 0 && !process.waitFor(termAfterMs, TimeUnit.MILLISECONDS)) {
            signalled = System.nanoTime();
            process.destroy();
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "./kb index exited");
        long stopMs = signalled == 0 ? 0 : (System.nanoTime() - signalled) / 1_000_000;
        return new CliRun(Files.readString(output), stopMs);
    }

    /**
     * Runs the import to the end once and returns when, measured from the start of the child process
     * as the kills are, reading ended, the passages were committed (vectors are added from then on)
     * and the last commit was done.
     */
    private long[] timedRun(Path pristine, Path index, Path after) throws Exception {
        copy(pristine, index);
        long start = System.nanoTime();
        Process process = start(after, index, ProcessBuilder.Redirect.PIPE);
        long read = -1;
        long searchable = -1;
        long committed = -1;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                long now = (System.nanoTime() - start) / 1_000_000;
                if (line.startsWith("read ")) {
                    read = now;
                } else if (line.startsWith("searchable ")) {
                    searchable = now;
                } else if (line.startsWith("committed ")) {
                    committed = now;
                }
            }
        }
        assertEquals(0, process.waitFor());
        assertTrue(read > 0 && searchable >= read && committed >= searchable, "phases " + read + ", " + searchable + ", " + committed);
        return new long[] {read, searchable, committed};
    }

    private static Process start(Path corpus, Path index, ProcessBuilder.Redirect output) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // A short run, killed anyway: the optimising compiler would not pay for itself in it.
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ImportChild.class.getName(), corpus.toString(), index.toString())
                .redirectErrorStream(true).redirectOutput(output).start();
    }

    /** Runs the child import; kills it with SIGKILL after {@code killAfterMs} unless negative. Returns the exit code. */
    private static int child(Path corpus, Path index, long killAfterMs) throws Exception {
        Process process = start(corpus, index, ProcessBuilder.Redirect.DISCARD);
        if (killAfterMs >= 0 && !process.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child finished");
        return process.exitValue();
    }

    private static Content verify(Path index, Content old, Content fresh) throws IOException {
        try (Directory directory = FSDirectory.open(index); CheckIndex check = new CheckIndex(directory)) {
            assertTrue(check.checkIndex().clean, "CheckIndex is clean");
        }
        try (KnowledgeIndex opened = KnowledgeIndex.open(index, new BM25Similarity(), new FakeEmbedder().model())) {
            CommitRecord record = opened.commitRecord();
            Content expected = record.hashes().equals(old.hashes()) ? old
                    : record.hashes().equals(fresh.hashes()) ? fresh : null;
            assertTrue(expected != null, "the commit records the old or the new corpus");
            Set<String> guideSources = new TreeSet<>();
            record.hashes().keySet().stream().filter(s -> s.startsWith("guides/")).forEach(guideSources::add);
            assertEquals(expected.passages(), opened.passagesFrom(guideSources), "passages match the commit record");
            assertEquals(expected.passages().size(), opened.count(Fields.TYPE_PASSAGE), "no stray passages");
            return expected;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> files = Files.walk(to)) {
                List<Path> all = new ArrayList<>(files.toList());
                java.util.Collections.reverse(all);
                for (Path file : all) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}

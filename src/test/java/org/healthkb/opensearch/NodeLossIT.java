package org.healthkb.opensearch;

import org.healthkb.FakeEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.healthkb.search.SearchResults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A three-node cluster, one replica of every shard, loses a node (SIGKILL) while readers search and an
 * import runs: no reader request fails, and the import completes or fails cleanly and, run again,
 * completes. Run by {@code mvn verify -Pnode-loss} (a step of .ci/run of its own: three nodes take a
 * minute to start), not by the README's test command.
 */
class NodeLossIT {
    private static final int PORT = 9260;
    private static final Path SCRIPT = Path.of("scripts/opensearch-local").toAbsolutePath();

    @TempDir
    static Path temp;
    private static List<URI> nodes;

    @BeforeAll
    static void startThreeNodes() throws Exception {
        Process start = script("start", "--nodes", "3").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Assumptions.assumeTrue(start.waitFor(5, TimeUnit.MINUTES) && start.exitValue() == 0,
                "a three-node cluster could not start: " + out);
        nodes = List.of(URI.create("http://127.0.0.1:" + PORT), URI.create("http://127.0.0.1:" + (PORT + 1)),
                URI.create("http://127.0.0.1:" + (PORT + 2)));
    }

    @AfterAll
    static void stop() throws Exception {
        script("stop").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(2, TimeUnit.MINUTES);
    }

    @Test
    void losingANodeWhileReadersSearchAndAnImportRunsFailsNoReader() throws Exception {
        Path corpus = TestCorpus.synthetic(temp, 40, 8);
        OpenSearchTarget cluster = new OpenSearchTarget(nodes, null, null, "nodeloss");
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("unused")).withOpenSearch(cluster),
                new FakeEmbedder())) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            awaitGreen(cluster.client());
            for (int g = 0; g < 40; g++) {
                String file = "guides/synthetic-" + g + ".html";
                TestCorpus.write(corpus, file, TestCorpus.read(corpus, file).replace("shared words", "quuxmarked words"));
            }

            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int reader = r;
                readers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; reading.get() && i < 100_000; i++) {
                        try {
                            SearchResults results = kb.search().search(TestCorpus.uniqueWord(i % 40, (i + reader) % 8)
                                    + " sleep", 5, 0);
                            if (results.hits().isEmpty()) {
                                failures.add("no hit for a word that one passage has");
                            }
                            answered.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                }));
            }
            Thread.sleep(2_000);
            List<String> outcome = new ArrayList<>();
            Thread importing = Thread.ofPlatform().start(() -> {
                try {
                    kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
                    outcome.add("completed");
                } catch (Exception e) {
                    outcome.add("failed: " + e.getMessage());
                }
            });
            Thread.sleep(300);
            // The node requests go to first: readers and the import must move to the others.
            long killedAt = System.nanoTime();
            assertEquals(0, script("kill", "0").redirectErrorStream(true).start().waitFor(), "node-0 killed");
            importing.join(TimeUnit.MINUTES.toMillis(3));
            String importOutcome = outcome.isEmpty() ? "still running" : outcome.getFirst();
            Thread.sleep(3_000);
            reading.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            if (!importOutcome.equals("completed")) {
                kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            }
            System.out.printf("NodeLossIT: %d reader requests, %d failed; node-0 killed 300 ms into the import, which %s"
                    + " %d ms later%s%n", answered.get(), failures.size(), importOutcome,
                    (System.nanoTime() - killedAt) / 1_000_000,
                    importOutcome.equals("completed") ? "" : ", then completed when run again");
            assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())), "no reader request failed");
            assertTrue(answered.get() > 100, "readers read throughout: " + answered.get());
            assertEquals(320, kb.search().stats().passages());
            assertEquals(320, kb.search().search("quuxmarked", 5, 0).total(), "the new content is served");
        }
    }

    private static void awaitGreen(OpenSearchClient client) throws IOException {
        client.get("_cluster/health?wait_for_status=green&timeout=60s");
    }

    private static ProcessBuilder script(String... command) {
        List<String> args = new ArrayList<>(List.of(SCRIPT.toString()));
        args.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(args);
        builder.environment().put("KB_OPENSEARCH_PORT", Integer.toString(PORT));
        return builder;
    }
}

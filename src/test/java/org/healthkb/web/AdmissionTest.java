package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.healthkb.semantic.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Back-pressure: a bounded number of searches run and wait; beyond, a fast 503 with Retry-After. */
class AdmissionTest {
    @TempDir
    Path temp;

    @Test
    void beyondTheRunningAndWaitingSearchesARequestIsRefusedAtOnce() throws Exception {
        Admission admission = new Admission(1, 1, Duration.ofMillis(200));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = threads.submit(() -> admission.run(() -> {
                running.countDown();
                await(release);
                return "first";
            }));
            assertTrue(running.await(5, TimeUnit.SECONDS));
            Future<Long> waiter = threads.submit(() -> timed(() -> admission.run(() -> "never")));
            Thread.sleep(50); // the waiter is waiting
            long start = System.nanoTime();
            assertThrows(Admission.Busy.class, () -> admission.run(() -> "third"), "the one waiting place is taken");
            assertTrue(System.nanoTime() - start < 100_000_000L, "refused at once, not after waiting");
            long waited = waiter.get(5, TimeUnit.SECONDS);
            assertTrue(waited >= 190_000_000L, "the waiter gave up after its 200 ms: " + waited / 1_000_000 + " ms");
            release.countDown();
            assertEquals("first", first.get(5, TimeUnit.SECONDS));
            assertEquals("again", admission.run(() -> "again"), "a turn is free once the load is gone");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    /** Nanoseconds until {@code work} fails with Busy, or -1 if it does not. */
    private static long timed(Runnable work) {
        long start = System.nanoTime();
        try {
            work.run();
            return -1;
        } catch (Admission.Busy e) {
            return System.nanoTime() - start;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Embeds passages as their length and takes its time over questions, as a loaded server would. */
    private static final class SlowEmbedder implements Embedder {
        @Override
        public String model() {
            return "slow-fake";
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            return texts.stream().map(t -> new float[] {1, t.length() % 7}).map(SlowEmbedder::unit).toList();
        }

        @Override
        public float[] question(String text) {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return unit(new float[] {1, text.length() % 7});
        }

        private static float[] unit(float[] v) {
            float norm = (float) Math.sqrt(v[0] * v[0] + v[1] * v[1]);
            return new float[] {v[0] / norm, v[1] / norm};
        }
    }

    @Test
    void anOverloadedServerAnswers503WithRetryAfterAndCachedAnswersStillCome() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(TestCorpus.REAL, temp.resolve("index")), new SlowEmbedder())) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            JavalinTest.test(WebServer.create(kb, new Admission(1, 0, Duration.ZERO), TestServers::stopAtOnce), (server, client) -> {
                assertEquals(200, client.get("/api/search?q=ketamine").code(), "alone, answered (and cached)");
                ExecutorService readers = Executors.newFixedThreadPool(4);
                try {
                    List<Future<Response>> asked = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        String q = "dose cap " + i;
                        asked.add(readers.submit(() -> client.get("/api/search?q=" + q.replace(' ', '+'))));
                    }
                    List<Integer> codes = new ArrayList<>();
                    for (Future<Response> response : asked) {
                        Response r = response.get(10, TimeUnit.SECONDS);
                        codes.add(r.code());
                        if (r.code() == 503) {
                            assertEquals("1", r.headers().get("Retry-After").getFirst());
                            JsonNode body = WebServerTest.json(r);
                            assertEquals("overloaded", body.get("error").asText());
                        }
                    }
                    assertTrue(codes.contains(200) && codes.contains(503), "one runs, the others are refused: " + codes);
                    assertEquals(200, client.get("/api/search?q=ketamine").code(), "a cached answer never waits for a turn");
                } finally {
                    readers.shutdownNow();
                }
            });
        }
    }
}

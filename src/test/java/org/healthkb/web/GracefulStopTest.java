package org.healthkb.web;

import io.javalin.Javalin;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.healthkb.semantic.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the server lets a request in flight finish, within a bounded wait, and takes no new ones. */
class GracefulStopTest {
    @TempDir
    Path temp;

    /** Takes 600 ms over each question, and says when one has begun, so the test stops the server with a request inside. */
    private static final class SlowEmbedder implements Embedder {
        final CountDownLatch asked = new CountDownLatch(1);

        @Override
        public String model() {
            return "slow-fake";
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            return texts.stream().map(t -> new float[] {0.6f, 0.8f}).toList();
        }

        @Override
        public float[] question(String text) {
            asked.countDown();
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new float[] {0.8f, 0.6f};
        }
    }

    @Test
    void aRequestInFlightIsAnsweredWhileTheServerStops() throws Exception {
        SlowEmbedder embedder = new SlowEmbedder();
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(TestCorpus.REAL, temp.resolve("index")), embedder)) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            Javalin app = WebServer.create(kb).start("127.0.0.1", 0);
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/search?q=ketamine")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(embedder.asked.await(10, TimeUnit.SECONDS), "the request reached the search");
            long start = System.nanoTime();
            app.stop();
            HttpResponse<String> answered = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode(), answered.body());
            assertTrue(answered.body().contains("\"hits\""));
            assertTrue(System.nanoTime() - start < WebServer.STOP_WAIT.toNanos() + 2_000_000_000L);
        }
    }
}

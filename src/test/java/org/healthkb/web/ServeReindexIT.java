package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.healthkb.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end check against the packaged {@code kb.jar serve} with an admin token, while
 * readers search without pause: an added paragraph is found as soon as the reindex call returns, a
 * broken provider file is refused naming it while the old content is served, a removed paragraph
 * disappears, and not one reader request fails.
 */
class ServeReindexIT {
    private static final String TOKEN = "it-token-5d1e-0123456789abcdef-serve-reindex";
    private static final String ANCHOR = "<h2 id=\"combining-ketamine-with-other-treatments-for-trd\">";
    private static final String PARAGRAPH = "<p>Synthetic test paragraph about capybara grooming, written by ServeReindexIT only.</p>";
    private static final int READERS = 4;

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private final ConcurrentLinkedQueue<String> serverOutput = new ConcurrentLinkedQueue<>();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> reindex() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/admin/reindex"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long total(String q) throws Exception {
        return WebServerTest.JSON.readTree(get("/api/search?q=" + q).body()).get("total").asLong();
    }

    @Test
    void editsReachReadersWithoutDowntime() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        Process server = startServer(corpus);
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong requests = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        try {
            for (int i = 0; i < READERS; i++) {
                Thread reader = new Thread(() -> read(reading, requests, failures));
                reader.start();
                readers.add(reader);
            }
            String original = TestCorpus.read(corpus, TestCorpus.GUIDE);
            TestCorpus.write(corpus, TestCorpus.GUIDE, original.replace(ANCHOR, PARAGRAPH + ANCHOR));
            long start = System.nanoTime();
            HttpResponse<String> added = reindex();
            long reindexMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, added.statusCode(), added.body());
            assertEquals(1, total("capybara"), "found right after the reindex call returned");
            JsonNode report = WebServerTest.JSON.readTree(added.body());

            String mindbloom = TestCorpus.read(corpus, "providers/mindbloom.json");
            TestCorpus.write(corpus, "providers/mindbloom.json", mindbloom.replace("\"Good\"", "\"Great\""));
            HttpResponse<String> refused = reindex();
            assertEquals(422, refused.statusCode());
            assertTrue(refused.body().contains("providers/mindbloom.json"), refused.body());
            assertEquals("Good", WebServerTest.JSON.readTree(get("/api/providers/mindbloom").body()).get("trdSuitability").asText());
            assertEquals(1, total("capybara"), "the previous content is still served");

            TestCorpus.write(corpus, "providers/mindbloom.json", mindbloom);
            TestCorpus.write(corpus, TestCorpus.GUIDE, original);
            HttpResponse<String> removed = reindex();
            assertEquals(200, removed.statusCode(), removed.body());
            assertEquals(0, total("capybara"));

            reading.set(false);
            for (Thread reader : readers) {
                reader.join(10_000);
            }
            System.out.printf("ServeReindexIT: reindex adding one paragraph rewrote %d documents and returned in %d ms;"
                    + " %d reader requests during three reindexes, %d failed%n",
                    report.get("documentsWritten").asInt(), reindexMs, requests.get(), failures.size());
            assertEquals(List.of(), List.copyOf(failures), () -> "the server printed:\n" + String.join("\n", serverOutput));
            assertTrue(requests.get() > 0);
        } finally {
            reading.set(false);
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private void read(AtomicBoolean reading, AtomicLong requests, ConcurrentLinkedQueue<String> failures) {
        while (reading.get()) {
            try {
                HttpResponse<String> response = get("/api/search?q=ketamine+dose&limit=5");
                JsonNode body = WebServerTest.JSON.readTree(response.body());
                if (response.statusCode() != 200 || body.get("hits").isEmpty()) {
                    failures.add(response.statusCode() + " " + response.body());
                }
                requests.incrementAndGet();
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }
    }

    private Process startServer(Path corpus) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", Path.of("target/kb.jar").toAbsolutePath().toString(),
                "serve", "--port", "0", "--corpus", corpus.toString(), "--index", temp.resolve("index").toString())
                .redirectErrorStream(true);
        builder.environment().put("KB_ADMIN_TOKEN", TOKEN);
        assertTrue(Files.exists(Path.of("target/kb.jar")), "the packaged jar exists (run by failsafe after package)");
        Process server = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern ready = Pattern.compile("kb: serving (http://[^/]+)/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder printed = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            printed.append(line).append('\n');
            Matcher m = ready.matcher(line);
            if (m.find()) {
                base = m.group(1);
                Thread drain = new Thread(() -> out.lines().forEach(l -> serverOutput.add(l)));
                drain.setDaemon(true);
                drain.start();
                return server;
            }
        }
        server.destroyForcibly();
        throw new AssertionError("the server did not report ready; it printed:\n" + printed);
    }
}

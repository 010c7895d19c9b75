package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.healthkb.Await;
import org.healthkb.GatedEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminApiTest {
    private static final String TOKEN = "test-token-9f2c-0123456789abcdef0123";

    @TempDir
    Path temp;
    Path corpus;
    KnowledgeBase kb;

    @BeforeEach
    void open() throws Exception {
        corpus = TestCorpus.copy(temp);
        kb = TestKnowledgeBase.indexedByWords(Settings.of(corpus, temp.resolve("index")).withAdminToken(TOKEN));
    }

    @AfterEach
    void close() throws IOException {
        kb.close();
    }

    private static Response post(io.javalin.testtools.HttpClient client, String path, String token) {
        return client.request(path, request -> {
            request.post(HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        });
    }

    @Test
    void aMissingOrWrongTokenIs401() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            Response missing = post(client, "/api/admin/reindex", null);
            assertEquals(401, missing.code());
            assertEquals("unauthorized", WebServerTest.json(missing).get("error").asText());
            assertEquals("Bearer", missing.headers().get("WWW-Authenticate").getFirst());
            assertEquals(401, post(client, "/api/admin/reindex", TOKEN + "x").code());
            assertEquals(401, post(client, "/api/admin/reindex", "").code());
            assertEquals(401, client.get("/api/admin/status").code());
        });
    }

    @Test
    void fiveWrongTokensFromOneAddressAreFollowedBy429EvenWithTheRightOne() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            for (int i = 0; i < AdminController.MAX_FAILURES; i++) {
                assertEquals(401, post(client, "/api/admin/reindex", "wrong-token-" + i).code());
            }
            Response slowed = client.request("/api/admin/status", request -> request.header("Authorization", "Bearer " + TOKEN));
            assertEquals(429, slowed.code());
            assertEquals("60", slowed.headers().get("Retry-After").getFirst());
            assertEquals("too_many_attempts", WebServerTest.json(slowed).get("error").asText());
            assertEquals(200, client.get("/api/search?q=ketamine").code(), "readers are not slowed");
        });
    }

    @Test
    void adminAnswersAreNeverStoredAndTakeNoBody() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            Response status = client.request("/api/admin/status", request -> request.header("Authorization", "Bearer " + TOKEN));
            assertEquals(200, status.code());
            assertEquals("no-store", status.headers().get("Cache-Control").getFirst());
            Response withBody = client.request("/api/admin/reindex", request -> request
                    .post(HttpRequest.BodyPublishers.ofString("{\"full\": true}"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json"));
            assertEquals(413, withBody.code());
            assertEquals("body_not_allowed", WebServerTest.json(withBody).get("error").asText());
            Response wrongType = client.request("/api/admin/reindex", request -> request
                    .post(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/plain"));
            assertEquals(415, wrongType.code());
            HttpResponse<String> searchWithBody = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/search?q=ketamine"))
                    .method("GET", HttpRequest.BodyPublishers.ofString("q=other")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, searchWithBody.statusCode());
        });
    }

    @Test
    void theStatusCountsQuestionsThatFoundNothingOrWereCutWithTheirTextNeutralised() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            assertEquals(200, client.get("/api/search?q=" + WebServerTest.encode("zqxj\u0007\u202eplugh")).code());
            assertEquals(200, client.get("/api/search?q=" + WebServerTest.encode("zqxj\u0007\u202eplugh")).code());
            String long40 = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "ketamine" + i).reduce((a, b) -> a + " " + b)
                    .orElseThrow();
            assertTrue(WebServerTest.json(client.get("/api/search?q=" + WebServerTest.encode(long40))).get("truncated").asBoolean());
            assertEquals(200, client.get("/api/search?q=ketamine").code());
            JsonNode questions = WebServerTest.json(client.request("/api/admin/status",
                    request -> request.header("Authorization", "Bearer " + TOKEN))).get("questions");
            assertEquals(4, questions.get("asked").asInt());
            assertEquals(1, questions.get("truncated").asInt());
            assertEquals(0, questions.get("partial").asInt());
            assertTrue(questions.get("foundNothing").asInt() >= 2, questions.toString());
            assertEquals("zqxj\\u0007\\u202eplugh", questions.get("recentFoundNothing").get(0).asText(),
                    "control and direction characters are written out, and a question repeated is listed once");
        });
    }

    @Test
    void aTokenShorterThanThirtyTwoCharactersIsRefusedSayingWhy() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WebServer.checkAdminToken("short-token"));
        assertEquals("KB_ADMIN_TOKEN must be at least 32 characters, not 11 (for example: openssl rand -hex 32)",
                refused.getMessage());
    }

    @Test
    void reindexReportsChangesAndTheEditIsSearchableWhenItReturns() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            // Asked twice before the edit: the answer "nothing" is cached, and must not outlive the commit.
            assertEquals(0, WebServerTest.json(client.get("/api/search?q=axolotl")).get("total").asInt());
            assertEquals(0, WebServerTest.json(client.get("/api/search?q=axolotl")).get("total").asInt());
            String anchor = "<h2 id=\"combining-ketamine-with-other-treatments-for-trd\">";
            TestCorpus.write(corpus, TestCorpus.GUIDE, TestCorpus.read(corpus, TestCorpus.GUIDE)
                    .replace(anchor, "<p>Synthetic test paragraph about axolotl regeneration, from AdminApiTest only.</p>" + anchor));
            Response response = post(client, "/api/admin/reindex", TOKEN);
            assertEquals(200, response.code());
            JsonNode report = WebServerTest.json(response);
            assertEquals(1, report.get("passages").get("added").asInt());
            assertEquals(25, report.get("documentsWritten").asInt());
            assertEquals(1, WebServerTest.json(client.get("/api/search?q=axolotl")).get("total").asInt());

            JsonNode status = WebServerTest.json(client.request("/api/admin/status",
                    request -> request.header("Authorization", "Bearer " + TOKEN)));
            assertEquals("ok", status.get("outcome").asText());
            assertEquals(1, status.get("report").get("passages").get("added").asInt());
            assertTrue(status.get("startedAt").asText().startsWith("20"));
            JsonNode responses = status.get("responseCache");
            assertEquals(1, responses.get("hits").asInt(), "the second ask before the edit");
            assertEquals(2, responses.get("misses").asInt(), "the first ask, and the first after the commit");
            JsonNode questions = status.get("questionCache");
            assertEquals(1, questions.get("misses").asInt(), "axolotl was embedded once: the commit left its embedding valid");
            assertEquals(1, questions.get("hits").asInt());
            assertEquals(10_000, questions.get("maxEntries").asInt());

            Response again = post(client, "/api/admin/reindex", TOKEN);
            assertEquals(200, again.code(), "nothing changed since: " + again.body());
            JsonNode unchanged = WebServerTest.json(again);
            assertEquals(0, unchanged.get("documentsWritten").asInt());
            assertEquals(kb.stats().committedAt().toString(), unchanged.get("unchangedSince").asText());
        });
    }

    @Test
    void aLargeReindexAnswersOnceItsPassagesAreCommittedAndTheStatusShowsTheVectorsFollowing() throws Exception {
        Path synthetic = TestCorpus.synthetic(temp.resolve("large"), 30, 12);
        GatedEmbedder embedder = new GatedEmbedder();
        try (KnowledgeBase large = KnowledgeBase.open(Settings.of(synthetic, temp.resolve("large-index"))
                .withAdminToken(TOKEN), embedder)) {
            JavalinTest.test(TestServers.create(large), (server, client) -> {
                JsonNode report = WebServerTest.json(post(client, "/api/admin/reindex", TOKEN));
                assertEquals(360, report.get("totalPassages").asInt());
                assertEquals(360, report.get("passagesWithoutVectors").asInt(), "answered before any vector was added");
                assertEquals(360, WebServerTest.json(client.get("/api/search?q=sleep+diet")).get("total").asInt());
                Await.until("the first batch to wait", () -> embedder.waiting.get() == 1);

                JsonNode adding = status(client);
                assertEquals(0, adding.get("embedding").get("done").asInt());
                assertEquals(360, adding.get("embedding").get("total").asInt());
                assertEquals(360, adding.get("passagesWithoutVectors").asInt());

                embedder.permits.release(Integer.MAX_VALUE / 2);
                Await.until("every vector", () -> status(client).get("passagesWithoutVectors").asInt() == 0
                        && !status(client).hasNonNull("embedding"));
                assertEquals(360, embedder.embedded.get());
            });
        }
    }

    private static JsonNode status(io.javalin.testtools.HttpClient client) {
        return WebServerTest.json(client.request("/api/admin/status", request -> request.header("Authorization", "Bearer " + TOKEN)));
    }

    @Test
    void aBrokenProviderFileIs422NamingItWhileTheOldContentIsServed() {
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            TestCorpus.write(corpus, "providers/mindbloom.json", TestCorpus.read(corpus, "providers/mindbloom.json")
                    .replace("\"Per-session\"", "\"Per session\""));
            Response response = post(client, "/api/admin/reindex", TOKEN);
            assertEquals(422, response.code());
            JsonNode body = WebServerTest.json(response);
            assertEquals("invalid_corpus", body.get("error").asText());
            JsonNode problem = body.get("problems").get(0);
            assertEquals("providers/mindbloom.json", problem.get("file").asText());
            assertEquals("field 'doseFlexibility'", problem.get("location").asText());
            assertTrue(problem.get("message").asText().startsWith("unknown value 'Per session'"));

            JsonNode mindbloom = WebServerTest.json(client.get("/api/providers/mindbloom"));
            assertEquals("Per-session", mindbloom.get("doseFlexibility").asText());
            assertEquals(7, WebServerTest.json(client.get("/api/health")).get("providers").asInt());
            JsonNode status = WebServerTest.json(client.request("/api/admin/status",
                    request -> request.header("Authorization", "Bearer " + TOKEN)));
            assertEquals("invalid", status.get("outcome").asText());
            assertEquals("providers/mindbloom.json", status.get("errors").get(0).get("file").asText());
        });
    }

    @Test
    void anImportThatWouldWipeTheIndexIsRefused() throws IOException {
        java.nio.file.Files.delete(corpus.resolve(TestCorpus.GUIDE));
        JavalinTest.test(TestServers.create(kb), (server, client) -> {
            Response response = post(client, "/api/admin/reindex", TOKEN);
            assertEquals(422, response.code());
            assertEquals("shrink_refused", WebServerTest.json(response).get("error").asText());
            assertEquals(TestCorpus.realPassages(), WebServerTest.json(client.get("/api/health")).get("passages").asInt());
            assertEquals(200, post(client, "/api/admin/reindex?allowShrink=true", TOKEN).code());
            assertEquals(0, WebServerTest.json(client.get("/api/health")).get("passages").asInt());
        });
    }
}

package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminApiTest {
    private static final String TOKEN = "test-token-9f2c";

    @TempDir
    Path temp;
    Path corpus;
    KnowledgeBase kb;

    @BeforeEach
    void open() throws Exception {
        corpus = TestCorpus.copy(temp);
        kb = TestKnowledgeBase.indexed(Settings.of(corpus, temp.resolve("index")).withAdminToken(TOKEN));
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
        JavalinTest.test(WebServer.create(kb), (server, client) -> {
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
    void reindexReportsChangesAndTheEditIsSearchableWhenItReturns() {
        JavalinTest.test(WebServer.create(kb), (server, client) -> {
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
        });
    }

    @Test
    void aBrokenProviderFileIs422NamingItWhileTheOldContentIsServed() {
        JavalinTest.test(WebServer.create(kb), (server, client) -> {
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
        JavalinTest.test(WebServer.create(kb), (server, client) -> {
            Response response = post(client, "/api/admin/reindex", TOKEN);
            assertEquals(422, response.code());
            assertEquals("shrink_refused", WebServerTest.json(response).get("error").asText());
            assertEquals(23, WebServerTest.json(client.get("/api/health")).get("passages").asInt());
            assertEquals(200, post(client, "/api/admin/reindex?allowShrink=true", TOKEN).code());
            assertEquals(0, WebServerTest.json(client.get("/api/health")).get("passages").asInt());
        });
    }
}

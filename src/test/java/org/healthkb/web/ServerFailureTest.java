package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import org.healthkb.FakeEmbedder;
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
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A failure inside the server, an exception or an Error, is a 500 in the API's JSON shape that says
 * it was logged, never an empty answer or a stack trace; and the next question is answered.
 */
class ServerFailureTest {
    @TempDir
    Path temp;

    /** Embeds passages as {@link FakeEmbedder} does; fails on the question "fail". */
    private static final class FailingEmbedder implements Embedder {
        private final FakeEmbedder fake = new FakeEmbedder();
        private final Supplier<Throwable> failure;

        FailingEmbedder(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public float[] question(String text) {
            if (text.equals("fail")) {
                Throwable thrown = failure.get();
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) thrown;
            }
            return fake.question(text);
        }

        @Override
        public String model() {
            return fake.model();
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            return fake.passages(texts);
        }
    }

    @Test
    void anExceptionOrAnErrorIsAJson500AndTheNextQuestionIsAnswered() throws Exception {
        for (Supplier<Throwable> failure : List.<Supplier<Throwable>>of(
                () -> new IllegalStateException("synthetic failure"),
                () -> new InternalError("synthetic error"))) {
            Path dir = temp.resolve("run-" + failure.get().getClass().getSimpleName());
            Settings settings = Settings.of(TestCorpus.copy(dir), dir.resolve("index")).withResponseCacheBytes(0);
            try (KnowledgeBase kb = KnowledgeBase.open(settings, new FailingEmbedder(failure))) {
                kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
                Javalin app = TestServers.create(kb).start("127.0.0.1", 0);
                try {
                    HttpResponse<String> failed = get(app, "/api/search?q=fail");
                    assertEquals(500, failed.statusCode(), failed.body());
                    JsonNode body = WebServerTest.JSON.readTree(failed.body());
                    assertEquals("internal_error", body.get("error").asText(), failed.body());
                    assertEquals("the server failed to answer this request; it has been logged", body.get("message").asText());
                    assertEquals(200, get(app, "/api/search?q=ketamine").statusCode());
                } finally {
                    app.stop();
                }
            }
        }
    }

    private static HttpResponse<String> get(Javalin app, String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}

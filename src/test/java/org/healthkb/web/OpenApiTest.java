package org.healthkb.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.testtools.JavalinTest;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenApiTest {
    @TempDir
    Path temp;

    @Test
    void describesExactlyTheRoutesTheServerHas() throws Exception {
        Set<String> routes = new TreeSet<>();
        Settings settings = Settings.of(TestCorpus.REAL, temp.resolve("index")).withAdminToken("0f3c9a1e7b2d4c6a8e0f1b3d5c7a9e2f");
        try (KnowledgeBase kb = TestKnowledgeBase.indexed(settings)) {
            Javalin app = WebServer.create(kb, config -> config.events.handlerAdded(info -> {
                if (info.getHttpMethod() == HandlerType.GET || info.getHttpMethod() == HandlerType.POST) {
                    routes.add(info.getHttpMethod().name() + " " + info.getPath());
                }
            }));
            JavalinTest.test(app, (server, client) -> {
                JsonNode doc = WebServerTest.json(client.get("/openapi.json"));
                assertEquals("3.0.3", doc.get("openapi").asText());
                Set<String> documented = new TreeSet<>();
                for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext(); ) {
                    String path = paths.next();
                    doc.get("paths").get(path).fieldNames()
                            .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
                }
                assertEquals(routes, documented);
            });
        }
    }
}

package org.healthkb.web;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs every curl example of the README's API table against a server, so the README cannot drift. */
class ReadmeExamplesTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "`curl (-X POST )?(?:-H 'Authorization: Bearer (\\w+)' )?'http://localhost:7070([^']*)'`");

    @TempDir
    Path temp;

    record Example(boolean post, String token, String path) {
    }

    static List<Example> examples() throws Exception {
        List<Example> examples = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = EXAMPLE.matcher(line);
            if (line.startsWith("| `") && m.find()) {
                examples.add(new Example(m.group(1) != null, m.group(2), m.group(3)));
            }
        }
        return examples;
    }

    @Test
    void everyApiExampleInTheReadmeWorks() throws Exception {
        List<Example> examples = examples();
        assertEquals(11, examples.size(), "one example per route");
        Settings settings = Settings.of(TestCorpus.REAL, temp.resolve("index")).withAdminToken("0f3c9a1e7b2d4c6a8e0f1b3d5c7a9e2f");
        try (KnowledgeBase kb = TestKnowledgeBase.indexed(settings)) {
            JavalinTest.test(TestServers.create(kb), (server, client) -> {
                for (Example example : examples) {
                    Response response = client.request(example.path(), request -> {
                        if (example.post()) {
                            request.post(HttpRequest.BodyPublishers.noBody());
                        }
                        if (example.token() != null) {
                            request.header("Authorization", "Bearer " + example.token());
                        }
                    });
                    assertEquals(200, response.code(), example + ": " + response.body().string());
                    assertTrue(!response.body().string().isEmpty(), example.toString());
                }
            });
        }
    }
}

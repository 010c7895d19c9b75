package org.healthkb.opensearch;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node OpenSearch cluster for the tests, started once per test run with
 * {@code scripts/opensearch-local} on its own port (so a developer's own node on 9200 is left alone)
 * and stopped when the run ends. Where it cannot start (no Maven Central to assemble it from, no JDK
 * 21), the tests that need it are skipped, saying why.
 * {@code @RegisterExtension static final OpenSearchNode NODE = new OpenSearchNode();}
 */
public final class OpenSearchNode implements BeforeAllCallback {
    /** Well away from the 9200 a developer's own node listens on. */
    static final int PORT = 9250;
    private static final Path SCRIPT = Path.of("scripts/opensearch-local").toAbsolutePath();

    private URI url;

    public URI url() {
        return url;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Started started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class);
        Assumptions.assumeTrue(started.url() != null, "no OpenSearch node to test against: " + started.failure());
        url = started.url();
    }

    /** The node of this test run, stopped by JUnit when the run ends. */
    private record Started(URI url, String failure) implements ExtensionContext.Store.CloseableResource {
        static Started start() {
            try {
                Path log = Files.createTempFile("opensearch-local", ".log");
                Process process = script("start").redirectError(log.toFile()).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    return new Started(null, "scripts/opensearch-local start failed: " + Files.readString(log).strip());
                }
                List<String> lines = out.lines().toList();
                return new Started(URI.create(lines.getLast()), null);
            } catch (IOException e) {
                return new Started(null, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Started(null, "interrupted");
            }
        }

        @Override
        public void close() throws Exception {
            if (url != null) {
                script("stop").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(2, TimeUnit.MINUTES);
            }
        }

        private static ProcessBuilder script(String command) {
            ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command);
            builder.environment().put("KB_OPENSEARCH_PORT", Integer.toString(PORT));
            return builder;
        }
    }
}

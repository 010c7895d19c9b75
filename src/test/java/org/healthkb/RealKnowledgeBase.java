package org.healthkb;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real corpus indexed once per test class into a temporary folder, for tests that only read:
 * {@code @RegisterExtension static final RealKnowledgeBase REAL = new RealKnowledgeBase();}
 */
public final class RealKnowledgeBase implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private KnowledgeBase kb;

    public KnowledgeBase kb() {
        return kb;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("kb-test-");
        kb = TestKnowledgeBase.indexed(TestCorpus.REAL, dir.resolve("index"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        kb.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

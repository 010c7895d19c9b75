package org.healthkb.eval;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A folder for an evaluation's own index, deleted on close, so evaluating never touches the served index. */
final class TemporaryIndex implements Closeable {
    private final Path dir;

    TemporaryIndex() throws IOException {
        this.dir = Files.createTempDirectory("kb-eval-");
    }

    Path path() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

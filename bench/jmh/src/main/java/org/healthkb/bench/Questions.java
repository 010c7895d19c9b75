package org.healthkb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The benchmark questions: bench/medquad-corpus.sh's list, URL-decoded, from {@code -Dkb.questions}. */
final class Questions {
    private Questions() {
    }

    static List<String> load() {
        Path file = Path.of(System.getProperty("kb.questions", "/tmp/medquad/questions.txt"));
        try {
            return Files.readAllLines(file).stream().map(q -> URLDecoder.decode(q, StandardCharsets.UTF_8)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the questions in " + file + "; run bench/medquad-corpus.sh", e);
        }
    }

    static Path index() {
        return Path.of(System.getProperty("kb.index", "/tmp/medquad/index"));
    }
}

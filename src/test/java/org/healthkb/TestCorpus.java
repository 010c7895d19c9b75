package org.healthkb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The real corpus, and copies of it for tests that change files. Synthetic guides and records that
 * tests write are marked as such in their content and live only in temporary folders.
 */
public final class TestCorpus {
    /** The project's own corpus: tests run from the project root. */
    public static final Path REAL = Path.of("corpus");
    public static final String GUIDE = "guides/treatment-resistant-depression.html";
    public static final String SLUG = "treatment-resistant-depression";

    private TestCorpus() {
    }

    /** The real corpus as the importer reads it, once: tests count on it rather than on figures that change with every edit. */
    private static final class Read {
        static final org.healthkb.importer.Corpus REAL_CORPUS = read();

        private static org.healthkb.importer.Corpus read() {
            try {
                return new org.healthkb.importer.CorpusReader().read(REAL);
            } catch (org.healthkb.importer.CorpusException e) {
                throw new IllegalStateException("the real corpus is invalid: " + e.problems(), e);
            }
        }
    }

    /** How many passages the real corpus holds now. */
    public static int realPassages() {
        return Read.REAL_CORPUS.passageCount();
    }

    /** How many documents an import of the whole real corpus writes: a guide document and its passages, and the providers. */
    public static int realDocuments() {
        return Read.REAL_CORPUS.guideCount() + realPassages() + Read.REAL_CORPUS.providers().size();
    }

    /** A copy of the real corpus in {@code dir}/corpus. */
    public static Path copy(Path dir) {
        Path target = dir.resolve("corpus");
        try (Stream<Path> files = Files.walk(REAL)) {
            for (Path source : files.toList()) {
                Path dest = target.resolve(REAL.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path corpus, String file) {
        try {
            return Files.readString(corpus.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path corpus, String file, String content) {
        try {
            Path path = corpus.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal synthetic guide, clearly marked as test data. */
    public static String syntheticGuide(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <meta name="description" content="SYNTHETIC TEST GUIDE, not medical content"></head>
                <body><h1>%s</h1>
                %s
                </body></html>
                """.formatted(title, title, body);
    }

    /**
     * A synthetic corpus in {@code dir}/corpus: {@code guides} guides of {@code paragraphs} paragraphs
     * each, under a few section headings, no providers. Paragraph {@code p} of guide {@code g} holds
     * the made-up word {@link #uniqueWord uniqueWord(g, p)}, found nowhere else.
     */
    public static Path synthetic(Path dir, int guides, int paragraphs) {
        Path corpus = dir.resolve("corpus");
        write(corpus, "synonyms.txt", "");
        for (int g = 0; g < guides; g++) {
            StringBuilder body = new StringBuilder();
            for (int p = 0; p < paragraphs; p++) {
                if (p % 4 == 0) {
                    body.append("<h2 id=\"part-").append(p / 4).append("\">Synthetic part ").append(p / 4).append("</h2>\n");
                }
                body.append("<p>Synthetic test paragraph ").append(p).append(" of guide ").append(g)
                        .append(" mentions ").append(uniqueWord(g, p)).append(" and shared words about sleep and diet.</p>\n");
            }
            write(corpus, "guides/synthetic-" + g + ".html", syntheticGuide("Synthetic guide " + g, body.toString()));
        }
        return corpus;
    }

    /** A made-up word only paragraph {@code paragraph} of synthetic guide {@code guide} contains. */
    public static String uniqueWord(int guide, int paragraph) {
        return "zorbl" + (char) ('a' + guide % 26) + (char) ('a' + guide / 26 % 26) + (char) ('a' + paragraph % 26)
                + (char) ('a' + paragraph / 26 % 26);
    }
}

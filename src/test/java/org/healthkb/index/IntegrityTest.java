package org.healthkb.index;

import org.apache.lucene.search.similarities.BM25Similarity;
import org.healthkb.FakeEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.healthkb.search.SearchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A damaged index file is found before anything is served from it: at start the index refuses to
 * open, naming the file; a damaged new commit leaves readers on the last good one. Files of a real
 * index (the guide, with a fake embedder) are damaged in copies: a byte flipped, the end cut off.
 */
class IntegrityTest {
    @TempDir
    Path temp;

    enum Damage {
        BYTE_FLIPPED_IN_THE_MIDDLE, LAST_BYTE_FLIPPED, TRUNCATED
    }

    private Path indexedGuide(Path dir) throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(TestCorpus.REAL, dir), new FakeEmbedder())) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
        }
        return dir;
    }

    private static Path largestSegmentFile(Path dir, Set<String> except) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("_"))
                    .filter(f -> !except.contains(f.getFileName().toString()))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    private static void damage(Path file, Damage damage) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = switch (damage) {
                case BYTE_FLIPPED_IN_THE_MIDDLE -> f.length() / 2;
                case LAST_BYTE_FLIPPED -> f.length() - 1;
                case TRUNCATED -> -1;
            };
            if (at < 0) {
                f.setLength(f.length() - 100);
            } else {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0x5a);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void aDamagedSegmentFileIsRefusedAtOpenNamingIt(Damage damage) throws Exception {
        Path dir = indexedGuide(temp.resolve("index"));
        Path file = largestSegmentFile(dir, Set.of());
        damage(file, damage);
        IOException refused = assertThrows(IOException.class,
                () -> KnowledgeIndex.open(dir, new BM25Similarity(), new FakeEmbedder().model()).close());
        assertTrue(refused.getMessage().contains(file.getFileName().toString()), refused.getMessage());
    }

    @Test
    void aDamagedCommitPointIsRefusedAtOpenNamingIt() throws Exception {
        Path dir = indexedGuide(temp.resolve("index"));
        Path segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(f -> f.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
        }
        damage(segments, Damage.BYTE_FLIPPED_IN_THE_MIDDLE);
        IOException refused = assertThrows(IOException.class,
                () -> KnowledgeIndex.open(dir, new BM25Similarity(), new FakeEmbedder().model()).close());
        assertTrue(refused.getMessage().contains(segments.getFileName().toString()), refused.getMessage());
    }

    /** What ./kb index does while the server runs: adds a paragraph about axolotls and commits it with a writer of its own. */
    private static void commitAnEditFromAnotherProcess(Path corpus, Path dir) throws Exception {
        TestCorpus.write(corpus, TestCorpus.GUIDE, TestCorpus.read(corpus, TestCorpus.GUIDE)
                .replace("</h1>", "</h1><p>Synthetic test paragraph about axolotl regeneration, from IntegrityTest.</p>"));
        try (KnowledgeBase writer = KnowledgeBase.open(Settings.of(corpus, dir), new FakeEmbedder())) {
            writer.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
        }
    }

    @Test
    void aDamagedNewCommitLeavesReadersOnTheLastGoodOne() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        Path dir = temp.resolve("index");
        try (KnowledgeBase served = KnowledgeBase.open(Settings.of(corpus, dir), new FakeEmbedder())) {
            served.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            Set<String> before;
            try (Stream<Path> files = Files.list(dir)) {
                before = Set.copyOf(files.map(f -> f.getFileName().toString()).toList());
            }
            assertEquals(0, served.search().search("axolotl", 10, 0, SearchMode.KEYWORD).total());

            commitAnEditFromAnotherProcess(corpus, dir);
            // ... and then its new segment is damaged.
            damage(largestSegmentFile(dir, before), Damage.BYTE_FLIPPED_IN_THE_MIDDLE);

            served.refreshEvery(Duration.ofMillis(20));
            Thread.sleep(300);
            assertEquals(0, served.search().search("axolotl", 10, 0, SearchMode.KEYWORD).total(), "the damaged commit is not served");
            assertEquals(TestCorpus.realPassages(), served.search().stats().passages(), "the last good commit is");
            assertTrue(served.search().search("ketamine dose", 10, 0).total() > 0);
        }
    }

    @Test
    void anUndamagedNewCommitIsServedAfterTheSameRefresh() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        Path dir = temp.resolve("index");
        try (KnowledgeBase served = KnowledgeBase.open(Settings.of(corpus, dir), new FakeEmbedder())) {
            served.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            commitAnEditFromAnotherProcess(corpus, dir);
            served.refreshEvery(Duration.ofMillis(20));
            Thread.sleep(300);
            assertEquals(1, served.search().search("axolotl", 10, 0, SearchMode.KEYWORD).total());
            assertEquals(24, served.search().stats().passages());
        }
    }
}

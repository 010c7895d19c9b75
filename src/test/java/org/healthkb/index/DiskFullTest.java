package org.healthkb.index;

import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.healthkb.FakeEmbedder;
import org.healthkb.SyntheticGuides;
import org.healthkb.TestCorpus;
import org.healthkb.importer.Corpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.content.Guide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up during an import: writes fail after a number of bytes, at several points of
 * the import (while documents are written, while they are flushed, while the commit is written).
 * The import fails; the previous commit stays served and the index opens and checks clean.
 */
class DiskFullTest {
    private static final FakeEmbedder EMBEDDER = new FakeEmbedder();
    @TempDir
    Path temp;

    /** A directory whose files accept {@code budget} bytes in all, then fail as a full disk does. */
    private static final class FillingDirectory extends FilterDirectory {
        private final AtomicLong left;
        private final long budget;

        FillingDirectory(Directory in, long budget) {
            super(in);
            this.budget = budget;
            this.left = new AtomicLong(budget);
        }

        long written() {
            return budget - left.get();
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            return filling(super.createOutput(name, context));
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            return filling(super.createTempOutput(prefix, suffix, context));
        }

        private IndexOutput filling(IndexOutput out) {
            return new IndexOutput("filling(" + out + ")", out.getName()) {
                @Override
                public void writeByte(byte b) throws IOException {
                    take(1);
                    out.writeByte(b);
                }

                @Override
                public void writeBytes(byte[] b, int offset, int length) throws IOException {
                    take(length);
                    out.writeBytes(b, offset, length);
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }

                @Override
                public long getFilePointer() {
                    return out.getFilePointer();
                }

                @Override
                public long getChecksum() throws IOException {
                    return out.getChecksum();
                }
            };
        }

        private void take(long bytes) throws IOException {
            if (left.addAndGet(-bytes) < 0) {
                throw new IOException("No space left on device (synthetic: DiskFullTest)");
            }
        }
    }

    private static IndexUpdate wholeGuide(Corpus corpus) {
        return new IndexUpdate(true, corpus.guides(), Map.of(), Set.of(), corpus.hashes(), corpus.synonyms(), EMBEDDER.model(),
                SyntheticGuides.vectors(corpus.guides(), EMBEDDER));
    }

    /** Bytes the second import writes when the disk has room: the failures are placed along it. */
    private long bytesOfTheSecondImport(Corpus corpus, Corpus changed) throws Exception {
        Path dir = temp.resolve("measure");
        try (KnowledgeIndex first = KnowledgeIndex.open(dir, new BM25Similarity(), new FakeEmbedder().model())) {
            first.apply(wholeGuide(corpus));
        }
        FillingDirectory roomy = new FillingDirectory(FSDirectory.open(dir), Long.MAX_VALUE / 2);
        try (KnowledgeIndex second = KnowledgeIndex.open(dir, roomy, new BM25Similarity(), new FakeEmbedder().model(),
                Duration.ofSeconds(1))) {
            second.apply(wholeGuide(changed));
        }
        return roomy.written();
    }

    @ParameterizedTest(name = "the disk fills after {0} of the second import''s bytes")
    @ValueSource(doubles = {0, 0.05, 0.3, 0.6, 0.9, 0.99, 0.999})
    void aFullDiskFailsTheImportAndLeavesThePreviousCommitServedAndTheIndexWhole(double share) throws Exception {
        Path dir = temp.resolve("index");
        Corpus corpus = new CorpusReader().read(TestCorpus.REAL);
        try (KnowledgeIndex first = KnowledgeIndex.open(dir, new BM25Similarity(), new FakeEmbedder().model())) {
            first.apply(wholeGuide(corpus));
        }
        Guide edited = corpus.guides().getFirst();
        Corpus changed = new Corpus(List.of(new Guide(edited.slug(), edited.source(), edited.title() + " (synthetic edit)",
                edited.description(), edited.html(), edited.passages(), edited.guideLinks())), corpus.providers(),
                corpus.providerSources(), corpus.synonyms(), Map.of(edited.source(), "changed"), corpus.warnings());

        long budget = (long) (share * bytesOfTheSecondImport(corpus, changed));
        FillingDirectory filling = new FillingDirectory(FSDirectory.open(dir), budget);
        try (KnowledgeIndex served = KnowledgeIndex.open(dir, filling, new BM25Similarity(), new FakeEmbedder().model(),
                Duration.ofSeconds(1))) {
            CommitRecord before = served.commitRecord();
            IOException full = assertThrows(IOException.class, () -> served.apply(wholeGuide(changed)));
            assertTrue(full.getMessage().contains("No space left") || String.valueOf(full.getCause()).contains("No space left"),
                    full.toString());
            assertEquals(before, served.commitRecord(), "readers are still on the previous commit");
            assertEquals(TestCorpus.realPassages(), served.count(Fields.TYPE_PASSAGE));
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Directory reopened = FSDirectory.open(dir); CheckIndex check = new CheckIndex(reopened)) {
            check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
            assertTrue(check.checkIndex().clean, log.toString(StandardCharsets.UTF_8));
        }
        try (KnowledgeIndex reopened = KnowledgeIndex.open(dir, new BM25Similarity(), new FakeEmbedder().model())) {
            assertEquals(corpus.hashes(), reopened.commitRecord().hashes(), "the index opens on the previous commit");
            reopened.apply(wholeGuide(changed));
            assertEquals(Map.of(edited.source(), "changed"), reopened.commitRecord().hashes(), "and takes the next import");
        }
    }
}

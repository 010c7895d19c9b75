package org.healthkb.index;

import org.apache.lucene.search.similarities.BM25Similarity;
import org.healthkb.TestCorpus;
import org.healthkb.importer.Corpus;
import org.healthkb.importer.CorpusReader;
import org.healthkb.passage.Guide;
import org.healthkb.passage.Provider;
import org.healthkb.semantic.OnnxEmbedder;
import org.apache.lucene.search.FieldExistsQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeIndexTest {
    @TempDir
    Path temp;

    private static IndexUpdate fullUpdate(Corpus corpus) {
        Map<String, Provider> providers = new HashMap<>();
        corpus.providers().forEach(p -> providers.put(corpus.providerSources().get(p.id()), p));
        return new IndexUpdate(true, corpus.guides(), providers, Set.of(), corpus.hashes(), corpus.synonyms());
    }

    @Test
    void oneUpdateIsOneCommitRecordingHashesAndSynonyms() throws Exception {
        Corpus corpus = new CorpusReader().read(TestCorpus.REAL);
        try (KnowledgeIndex index = KnowledgeIndex.open(temp.resolve("index"), new BM25Similarity(), OnnxEmbedder.bgeSmall())) {
            assertEquals(CommitRecord.EMPTY, index.commitRecord());
            KnowledgeIndex.Applied applied = index.apply(fullUpdate(corpus));
            assertEquals(1 + 23 + 7, applied.documentsWritten());
            assertEquals(23, index.count(Fields.TYPE_PASSAGE));
            assertEquals(7, index.count(Fields.TYPE_PROVIDER));
            CommitRecord record = index.commitRecord();
            assertEquals(corpus.hashes(), record.hashes());
            assertEquals(corpus.synonyms(), record.synonyms());
            assertEquals(CommitRecord.SCHEMA_VERSION, record.schemaVersion());
            assertEquals("bge-small-en-v1.5-q", record.embeddingModel());
            int withVectors = index.read(s -> s.count(new FieldExistsQuery(Fields.VECTOR)));
            assertEquals(23, withVectors, "every passage has a vector");
        }
        assertTrue(KnowledgeIndex.exists(temp.resolve("index")));
    }

    @Test
    void storedPassagesAndProvidersReadBackUnchanged() throws Exception {
        Corpus corpus = new CorpusReader().read(TestCorpus.REAL);
        try (KnowledgeIndex index = KnowledgeIndex.open(temp.resolve("index"), new BM25Similarity(), OnnxEmbedder.bgeSmall())) {
            index.apply(fullUpdate(corpus));
            Map<String, String> texts = index.passagesFrom(Set.of(TestCorpus.GUIDE));
            corpus.guides().getFirst().passages().forEach(p -> assertEquals(p.text(), texts.get(p.id())));
        }
    }

    @Test
    void aFailedUpdateLeavesThePreviousCommitServed() throws Exception {
        Corpus corpus = new CorpusReader().read(TestCorpus.REAL);
        try (KnowledgeIndex index = KnowledgeIndex.open(temp.resolve("index"), new BM25Similarity(), OnnxEmbedder.bgeSmall())) {
            index.apply(fullUpdate(corpus));
            Guide real = corpus.guides().getFirst();
            Guide unwritable = new Guide(real.slug(), real.source(), real.title(), real.description(), null,
                    real.passages(), real.guideLinks());
            // A full rebuild deletes everything first, then fails on the guide's missing body.
            IndexUpdate broken = new IndexUpdate(true, java.util.List.of(unwritable), Map.of(), Set.of(), Map.of(), "");
            assertThrows(RuntimeException.class, () -> index.apply(broken));
            assertEquals(23, index.count(Fields.TYPE_PASSAGE));
            assertEquals(corpus.hashes(), index.commitRecord().hashes());
        }
    }

    @Test
    void anEmptyFolderIsNotAnIndex() {
        assertFalse(KnowledgeIndex.exists(temp.resolve("nothing")));
    }

}

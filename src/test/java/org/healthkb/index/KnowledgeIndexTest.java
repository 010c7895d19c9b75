package org.healthkb.index;

import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.util.BytesRef;
import org.healthkb.FakeEmbedder;
import org.healthkb.SyntheticGuides;
import org.healthkb.index.ContentStore.PendingPassage;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.healthkb.semantic.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index's own contract, on synthetic guides with a fake embedder: commits, vectors added later, merging. */
class KnowledgeIndexTest {
    private static final FakeEmbedder EMBEDDER = new FakeEmbedder();
    private static final List<Guide> GUIDES = List.of(SyntheticGuides.guide(1, 6), SyntheticGuides.guide(2, 6));
    private static final Map<String, String> HASHES = Map.of("guides/synthetic-1.html", "h1", "guides/synthetic-2.html", "h2");

    @TempDir
    Path temp;

    private KnowledgeIndex open() throws IOException {
        return KnowledgeIndex.open(temp.resolve("index"), new BM25Similarity(), EMBEDDER.model());
    }

    private static IndexUpdate update(List<Guide> guides, Map<String, float[]> vectors) {
        return new IndexUpdate(true, guides, Map.of(), Set.of(), HASHES, "", EMBEDDER.model(), vectors);
    }

    /** The vectors of the first guide only: the second's passages are written without theirs. */
    private static Map<String, float[]> vectorsOfTheFirstGuide() {
        return SyntheticGuides.vectors(List.of(GUIDES.getFirst()), EMBEDDER);
    }

    @Test
    void oneUpdateIsOneCommitRecordingHashesAndTheModel() throws Exception {
        try (KnowledgeIndex index = open()) {
            assertEquals(CommitRecord.EMPTY, index.commitRecord());
            ContentStore.Applied applied = index.apply(update(GUIDES, SyntheticGuides.vectors(GUIDES, EMBEDDER)));
            assertEquals(2 + 12, applied.documentsWritten());
            assertEquals(12, index.count(Fields.TYPE_PASSAGE));
            CommitRecord record = index.commitRecord();
            assertEquals(HASHES, record.hashes());
            assertEquals(CommitRecord.SCHEMA_VERSION, record.schemaVersion());
            assertEquals("fake-8", record.embeddingModel());
            assertEquals(12, (int) index.read(s -> s.count(new FieldExistsQuery(Fields.VECTOR))), "every passage has a vector");
            assertEquals(0, index.passagesWithoutVectors());
            assertEquals(1, (int) index.read(s -> s.getIndexReader().leaves().size()), "written from one thread, one segment");
        }
        assertTrue(KnowledgeIndex.exists(temp.resolve("index")));
    }

    @Test
    void passagesWithoutAVectorAreCommittedAndListedWithTheTextToEmbed() throws Exception {
        try (KnowledgeIndex index = open()) {
            index.apply(update(GUIDES, vectorsOfTheFirstGuide()));
            assertEquals(12, index.count(Fields.TYPE_PASSAGE), "every passage is searchable by its words");
            assertEquals(6, index.passagesWithoutVectors());
            List<PendingPassage> pending = index.passagesWithoutVectors(100);
            List<PendingPassage> expected = GUIDES.get(1).passages().stream()
                    .map(p -> new PendingPassage(p.id(), Embedder.textOf(p))).toList();
            assertEquals(new TreeMap<>(byId(expected)), new TreeMap<>(byId(pending)));
            assertEquals(2, index.passagesWithoutVectors(2).size(), "at most as many as asked");
        }
    }

    @Test
    void addingVectorsChangesNothingElse() throws Exception {
        try (KnowledgeIndex index = open()) {
            index.apply(update(GUIDES, vectorsOfTheFirstGuide()));
            CommitRecord record = index.commitRecord();
            Map<String, String> texts = index.passagesFrom(Set.of(GUIDES.get(1).source()));
            Map<String, String> sections = sectionKeys(index);

            assertEquals(6, index.addVectors(vectorsFor(index.passagesWithoutVectors(100))));

            assertEquals(0, index.passagesWithoutVectors());
            assertEquals(12, index.count(Fields.TYPE_PASSAGE), "replaced, not added");
            assertEquals(record, index.commitRecord(), "the commit record is carried over as it was");
            assertEquals(texts, index.passagesFrom(Set.of(GUIDES.get(1).source())));
            assertEquals(sections, sectionKeys(index), "the section keys the diversity rule groups by are unchanged");
            Map<String, float[]> held = index.vectorsFrom(List.of(GUIDES.get(1).source()));
            for (Passage passage : GUIDES.get(1).passages()) {
                String text = Embedder.textOf(passage);
                assertArrayEquals(EMBEDDER.passages(List.of(text)).getFirst(), held.get(text), passage.id());
            }
        }
    }

    @Test
    void aVectorIsNeverWrittenToTextItWasNotComputedFrom() throws Exception {
        try (KnowledgeIndex index = open()) {
            index.apply(update(GUIDES, vectorsOfTheFirstGuide()));
            Map<PendingPassage, float[]> computed = vectorsFor(index.passagesWithoutVectors(100));
            // Meanwhile another import rewrites the second guide with new text, again without vectors.
            index.apply(new IndexUpdate(false, List.of(SyntheticGuides.guide(2, 6, " (edited)")), Map.of(), Set.of(),
                    HASHES, "", EMBEDDER.model(), Map.of()));

            assertEquals(0, index.addVectors(computed));
            assertEquals(6, index.passagesWithoutVectors(), "the edited passages still wait for their own vectors");
            // Their own vectors land, though each id now also names a replaced document not yet merged away.
            assertEquals(6, index.addVectors(vectorsFor(index.passagesWithoutVectors(100))));
            assertEquals(0, index.passagesWithoutVectors());
            assertEquals(12, index.count(Fields.TYPE_PASSAGE));
        }
    }

    @Test
    void mergingLeavesOneSegmentAndTheSameContent() throws Exception {
        try (KnowledgeIndex index = open()) {
            index.apply(update(GUIDES, vectorsOfTheFirstGuide()));
            for (PendingPassage passage : index.passagesWithoutVectors(100)) {
                index.addVectors(vectorsFor(List.of(passage))); // one commit, one small segment, each
            }
            assertTrue(index.read(s -> s.getIndexReader().leaves().size()) > 1);
            CommitRecord record = index.commitRecord();

            index.mergeSegments();

            assertEquals(1, (int) index.read(s -> s.getIndexReader().leaves().size()));
            assertEquals(0, (int) index.read(s -> s.getIndexReader().numDeletedDocs()), "replaced documents are gone");
            assertEquals(12, index.count(Fields.TYPE_PASSAGE));
            assertEquals(record, index.commitRecord());
        }
    }

    @Test
    void aFailedUpdateLeavesThePreviousCommitServed() throws Exception {
        try (KnowledgeIndex index = open()) {
            index.apply(update(GUIDES, Map.of()));
            Guide real = GUIDES.getFirst();
            Guide unwritable = new Guide(real.slug(), real.source(), real.title(), real.description(), null,
                    real.passages(), real.guideLinks());
            // A full rebuild deletes everything first, then fails on the guide's missing body.
            assertThrows(RuntimeException.class, () -> index.apply(update(List.of(unwritable), Map.of())));
            assertEquals(12, index.count(Fields.TYPE_PASSAGE));
            assertEquals(HASHES, index.commitRecord().hashes());
        }
    }

    @Test
    void anEmptyFolderIsNotAnIndex() {
        assertFalse(KnowledgeIndex.exists(temp.resolve("nothing")));
    }

    private static Map<PendingPassage, float[]> vectorsFor(List<PendingPassage> pending) {
        Map<PendingPassage, float[]> vectors = new HashMap<>();
        pending.forEach(p -> vectors.put(p, EMBEDDER.passages(List.of(p.text())).getFirst()));
        return vectors;
    }

    private static Map<String, String> byId(List<PendingPassage> pending) {
        Map<String, String> byId = new HashMap<>();
        pending.forEach(p -> byId.put(p.id(), p.text()));
        return byId;
    }

    /** Passage id to its section key doc value. */
    private static Map<String, String> sectionKeys(KnowledgeIndex index) {
        return index.read(snapshot -> {
            Map<String, String> keys = new TreeMap<>();
            for (var leaf : snapshot.getIndexReader().leaves()) {
                SortedDocValues section = leaf.reader().getSortedDocValues(Fields.SECTION_KEY);
                SortedDocValues id = leaf.reader().getSortedDocValues(Fields.ID);
                var live = leaf.reader().getLiveDocs();
                List<Integer> docs = new ArrayList<>();
                while (section != null && section.nextDoc() != SortedDocValues.NO_MORE_DOCS) {
                    docs.add(section.docID());
                }
                section = leaf.reader().getSortedDocValues(Fields.SECTION_KEY);
                for (int doc : docs) {
                    if (live == null || live.get(doc)) {
                        section.advanceExact(doc);
                        id.advanceExact(doc);
                        BytesRef key = section.lookupOrd(section.ordValue());
                        keys.put(id.lookupOrd(id.ordValue()).utf8ToString(), key.utf8ToString());
                    }
                }
            }
            return keys;
        });
    }
}

package org.healthkb.importer;

import org.healthkb.Await;
import org.healthkb.GatedEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.healthkb.search.SearchMode;
import org.healthkb.search.SearchResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large import commits its passages for keyword search first and adds their vectors in later
 * commits; readers meanwhile get answers, never an error; a stopped import leaves every committed
 * passage searchable and the next import adds the vectors still missing. On a synthetic corpus with
 * a fake embedder whose calls the test lets through one at a time.
 */
class StagedImportTest {
    private static final int GUIDES = 50;
    private static final int PARAGRAPHS = 12;
    private static final int PASSAGES = GUIDES * PARAGRAPHS;

    @TempDir
    Path temp;

    private Path corpus() {
        Path corpus = TestCorpus.synthetic(temp, GUIDES, PARAGRAPHS);
        assertTrue(PASSAGES > Reindexer.EMBED_BEFORE_COMMIT, "large enough to be imported in stages");
        return corpus;
    }

    /** The hit found for paragraph {@code p} of guide {@code g} by its unique word, in hybrid ranking. */
    private static String topHitForUniqueWord(KnowledgeBase kb, int g, int p) {
        SearchResults results = kb.search().search("sleep " + TestCorpus.uniqueWord(g, p), 5, 0, SearchMode.HYBRID);
        assertEquals(SearchMode.HYBRID, results.mode());
        return results.hits().getFirst().id();
    }

    @Test
    void aLargeImportIsSearchableByItsWordsBeforeItsVectorsAreAdded() throws Exception {
        GatedEmbedder embedder = new GatedEmbedder();
        Path corpus = corpus();
        String early = idOf(corpus, 7, 5);
        String late = idOf(corpus, 49, 11);
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index")), embedder)) {
            ImportReport report = kb.reindexer().run(ImportOptions.INCREMENTAL.withVectorsLater(), CorpusReader.Progress.NONE, true);

            assertEquals(PASSAGES, report.totalPassages());
            assertEquals(PASSAGES, report.passagesWithoutVectors(), "committed before anything was embedded");
            assertEquals(0, embedder.embedded.get());
            // Every passage answers by its words, in the hybrid mode readers get by default, while no vector exists.
            assertEquals(early, topHitForUniqueWord(kb, 7, 5));
            assertEquals(PASSAGES, kb.search().search("sleep diet", 10, 0).total());
            Await.until("the background step to wait for its first batch", () -> embedder.waiting.get() == 1);
            EmbeddingProgress progress = kb.reindexer().embeddingProgress();
            assertEquals(PASSAGES, progress.total());
            assertEquals(0, progress.done());

            embedder.permits.release(); // one batch embedded: its passages get vectors in one commit
            Await.until("the first vectors", () -> kb.reindexer().passagesWithoutVectors() < PASSAGES);
            Await.until("the second batch", () -> embedder.waiting.get() == 1);
            assertEquals(PASSAGES - PassageEmbedding.BATCH, kb.reindexer().passagesWithoutVectors());
            assertEquals(PassageEmbedding.BATCH, kb.reindexer().embeddingProgress().done());
            assertEquals(early, topHitForUniqueWord(kb, 7, 5), "some embedded, still found");
            assertEquals(late, topHitForUniqueWord(kb, 49, 11));

            embedder.permits.release(Integer.MAX_VALUE / 2);
            Await.until("every vector", () -> kb.reindexer().embeddingProgress() == null);
            assertEquals(0, kb.reindexer().passagesWithoutVectors());
            assertEquals(PASSAGES, embedder.embedded.get(), "each passage embedded once");
            assertEquals(early, topHitForUniqueWord(kb, 7, 5));
            assertTrue((boolean) TestKnowledgeBase.indexOf(kb).read(s -> s.getIndexReader().leaves().size() == 1
                    && s.getIndexReader().numDeletedDocs() == 0), "merged back into one segment");
        }
    }

    @Test
    void aStoppedImportLeavesEveryPassageSearchableAndTheNextImportAddsTheMissingVectors() throws Exception {
        Path corpus = corpus();
        GatedEmbedder first = new GatedEmbedder();
        ImportReport stopped;
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index")), first)) {
            CompletableFuture<ImportReport> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            first.permits.release(); // the first batch
            Await.until("the second batch", () -> first.waiting.get() == 1);
            assertTrue(!kb.reindexer().stop(Duration.ZERO), "still running: stopping is asked, not waited for");
            first.permits.release(); // the batch in hand is committed, then the import stops
            stopped = running.get(30, TimeUnit.SECONDS);
        }
        assertEquals(PASSAGES, stopped.totalPassages());
        int embeddedBeforeTheStop = first.embedded.get();
        assertEquals(2 * PassageEmbedding.BATCH, embeddedBeforeTheStop);
        assertEquals(Math.max(0, PASSAGES - embeddedBeforeTheStop), stopped.passagesWithoutVectors());

        GatedEmbedder second = GatedEmbedder.open();
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index")), second)) {
            assertEquals(stopped.passagesWithoutVectors(), kb.reindexer().passagesWithoutVectors());
            assertEquals(PASSAGES, kb.search().search("sleep diet", 10, 0).total(), "every committed passage is searchable");
            assertTrue(kb.reindexer().isStale(), "vectors still to add make the index stale, so a server catches up");
            ImportReport next = kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            assertTrue(next.unchangedSince() != null, "no file changed");
            assertEquals(0, next.passagesWithoutVectors());
            assertEquals(stopped.passagesWithoutVectors(), second.embedded.get(), "only the missing vectors are embedded");
            assertTrue(!kb.reindexer().isStale());
        }
    }

    @Test
    void aFreshIndexFolderTakesItsVectorsFromTheCacheInOneCommit() throws Exception {
        Path corpus = corpus();
        Path cache = temp.resolve("vector-cache");
        GatedEmbedder first = GatedEmbedder.open();
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index-1")).withVectorCacheDir(cache), first)) {
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
        }
        assertEquals(PASSAGES, first.embedded.get());

        GatedEmbedder second = GatedEmbedder.open();
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index-2")).withVectorCacheDir(cache), second)) {
            ImportReport report = kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            assertEquals(0, second.embedded.get(), "every vector came from the cache");
            assertEquals(0, report.passagesWithoutVectors());
            assertTrue((boolean) TestKnowledgeBase.indexOf(kb).read(s -> s.getIndexReader().leaves().size() == 1), "written whole, in one segment");
        }
    }

    /** The id the importer gives paragraph {@code p} of guide {@code g}. */
    private static String idOf(Path corpus, int g, int p) throws Exception {
        return new CorpusReader().read(corpus).guides().stream().flatMap(guide -> guide.passages().stream())
                .filter(passage -> passage.text().contains(TestCorpus.uniqueWord(g, p))).findFirst().orElseThrow().id();
    }
}

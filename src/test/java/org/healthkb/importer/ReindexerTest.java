package org.healthkb.importer;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.healthkb.FakeEmbedder;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.healthkb.index.CommitRecord;
import org.healthkb.search.SearchMode;
import org.healthkb.search.SearchModeUnavailableException;
import org.healthkb.semantic.Embedder;
import org.healthkb.semantic.OnnxEmbedder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;
import java.time.Instant;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReindexerTest {
    static final String MARKER = "Synthetic test paragraph about zebrafish husbandry, added by ReindexerTest and never real content.";

    @TempDir
    Path temp;
    Path corpus;
    KnowledgeBase kb;

    @BeforeEach
    void open() throws Exception {
        corpus = TestCorpus.copy(temp);
        kb = TestKnowledgeBase.open(Settings.of(corpus, temp.resolve("index")));
        ImportReport first = run(ImportOptions.INCREMENTAL);
        assertEquals(TestCorpus.realDocuments(), first.documentsWritten());
    }

    @AfterEach
    void close() throws IOException {
        kb.close();
    }

    ImportReport run(ImportOptions options) throws Exception {
        return kb.reindexer().run(options, CorpusReader.Progress.NONE, true);
    }

    void editGuide(String from, String to) {
        String html = TestCorpus.read(corpus, TestCorpus.GUIDE);
        assertTrue(html.contains(from), from);
        TestCorpus.write(corpus, TestCorpus.GUIDE, html.replace(from, to));
    }

    long found(String question) {
        return kb.search().search(question, 10, 0).total();
    }

    @Test
    void anUnchangedCorpusWritesNothingAndMakesNoCommit() throws Exception {
        CommitRecord before = TestKnowledgeBase.indexOf(kb).commitRecord();
        ImportReport report = run(ImportOptions.INCREMENTAL);
        assertEquals(0, report.documentsWritten());
        assertFalse(report.changedAnything());
        assertEquals(before.committedAt(), kb.stats().committedAt());
        assertFalse(kb.reindexer().isStale());
    }

    /** Every corpus file modified an hour ago, long enough before any import for its stamp to be trusted. */
    private void ageEveryFile() throws IOException {
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, anHourAgo);
            }
        }
    }

    /** Replaces a word of the guide with another of the same length, keeping the file's size and modification time. */
    private void editKeepingTheStamp() throws IOException {
        Path guide = corpus.resolve(TestCorpus.GUIDE);
        FileTime modified = Files.getLastModifiedTime(guide);
        editGuide("By some estimates, roughly one-third", "By some estimates, roughly zebrafish");
        Files.setLastModifiedTime(guide, modified);
    }

    @Test
    void anUnchangedCorpusIsCheckedByFileStampsWithoutReadingAFile() throws Exception {
        ageEveryFile();
        run(new ImportOptions(true, false, ImportOptions.Vectors.AS_BEFORE)); // records the aged stamps
        List<Integer> filesRead = new ArrayList<>();
        ImportReport report = kb.reindexer().run(ImportOptions.INCREMENTAL, (done, total) -> filesRead.add(done), true);
        assertEquals(List.of(), filesRead, "no file was parsed");
        assertEquals(kb.stats().committedAt(), report.unchangedSince());
        assertEquals(TestCorpus.realPassages(), report.totalPassages());

        // What the stamps vouch for is not read again: an edit that keeps a file's size and time goes
        // unseen, as it does for git and make. Editors' tools always move the time forward.
        editKeepingTheStamp();
        assertFalse(kb.reindexer().isStale());
        assertEquals(0, run(ImportOptions.INCREMENTAL).documentsWritten());
    }

    @Test
    void aFileEditedWithinTheSameSecondAsTheLastImportIsReadAgainAndItsChangeSeen() throws Exception {
        // The files were written just before the import in open(): too recent for their stamps to be trusted.
        editKeepingTheStamp();
        assertTrue(kb.reindexer().isStale());
        ImportReport report = run(ImportOptions.INCREMENTAL);
        assertEquals(new ImportReport.Changes(0, 1, 0), report.passages());
        assertEquals(1, found("zebrafish"));
    }

    @Test
    void anEditedGuideIsCheckedAgainstTheGuidesThatAreNotReadAgain() throws Exception {
        TestCorpus.write(corpus, "guides/synthetic-linking.html", TestCorpus.syntheticGuide("Synthetic linking guide",
                "<h2 id=\"see\">Synthetic section</h2>\n<p>Synthetic test paragraph that points readers to "
                + "<a href=\"/guides/treatment-resistant-depression#why-ketamine-works-for-trd\">why ketamine works</a>.</p>"));
        assertEquals(new ImportReport.Changes(1, 0, 0), run(ImportOptions.INCREMENTAL).guides());
        editGuide("id=\"why-ketamine-works-for-trd\"", "id=\"why-ketamine-helps\"");

        ImportReport report = run(ImportOptions.INCREMENTAL);
        assertEquals(new ImportReport.Changes(0, 1, 0), report.guides());
        assertEquals(2, report.totalGuides());
        assertEquals(24, report.totalPassages());
        assertTrue(report.warnings().stream().map(Object::toString).anyMatch(w -> w.startsWith("guides/synthetic-linking.html")
                && w.endsWith("link to missing anchor '#why-ketamine-works-for-trd' in guide 'treatment-resistant-depression'")),
                report.warnings().toString());
    }

    @Test
    void anEditedProviderRewritesOnlyThatRecord() throws Exception {
        TestCorpus.write(corpus, "providers/peak.json", TestCorpus.read(corpus, "providers/peak.json")
                .replace("Standard telehealth model", "Standard telehealth model (synthetic edit)"));
        assertTrue(kb.reindexer().isStale());
        ImportReport report = run(ImportOptions.INCREMENTAL);
        assertEquals(1, report.documentsWritten());
        assertEquals(new ImportReport.Changes(0, 1, 0), report.providers());
        assertEquals(ImportReport.Changes.NONE, report.guides());
        assertTrue(kb.providers().byId("peak").orElseThrow().notes().contains("synthetic edit"));
    }

    @Test
    void anAddedParagraphIsSearchableAndItsRemovalDisappears() throws Exception {
        String anchor = "<h2 id=\"combining-ketamine-with-other-treatments-for-trd\">";
        editGuide(anchor, "<p>" + MARKER + "</p>\n  " + anchor);
        ImportReport added = run(ImportOptions.INCREMENTAL);
        assertEquals(new ImportReport.Changes(1, 0, 0), added.passages());
        assertEquals(new ImportReport.Changes(0, 1, 0), added.guides());
        assertEquals(1 + 24, added.documentsWritten(), "the changed guide's documents only");
        assertEquals(1, found("zebrafish husbandry"));

        editGuide("<p>" + MARKER + "</p>\n  ", "");
        ImportReport removed = run(ImportOptions.INCREMENTAL);
        assertEquals(new ImportReport.Changes(0, 0, 1), removed.passages());
        assertEquals(0, found("zebrafish husbandry"));
    }

    @Test
    void anEditedParagraphCountsAsUpdated() throws Exception {
        editGuide("By some estimates, roughly one-third", "By some estimates (synthetic edit), roughly one-third");
        ImportReport report = run(ImportOptions.INCREMENTAL);
        assertEquals(new ImportReport.Changes(0, 1, 0), report.passages());
    }

    @Test
    void aNewGuideIsAddedAndARemovedGuideDisappears() throws Exception {
        TestCorpus.write(corpus, "guides/synthetic-zebrafish.html", TestCorpus.syntheticGuide("Synthetic zebrafish guide",
                "<h2 id=\"care\">Care</h2><p>" + MARKER + "</p>"));
        ImportReport added = run(ImportOptions.INCREMENTAL);
        assertEquals(new ImportReport.Changes(1, 0, 0), added.guides());
        assertEquals(2, added.documentsWritten());
        assertEquals(1, found("zebrafish"));
        assertTrue(kb.search().guide("synthetic-zebrafish").isPresent());
        assertTrue(suggestionsSoon("zebra", s -> s.contains("Synthetic zebrafish guide")), "the new title is suggested");

        Files.delete(corpus.resolve("guides/synthetic-zebrafish.html"));
        ImportReport removed = run(ImportOptions.INCREMENTAL);
        assertEquals(new ImportReport.Changes(0, 0, 1), removed.guides());
        assertEquals(0, found("zebrafish"));
        assertTrue(kb.search().guide("synthetic-zebrafish").isEmpty());
        assertTrue(suggestionsSoon("zebra", List::isEmpty), "the removed title is no longer suggested");
    }

    /**
     * Whether suggestions for {@code prefix} satisfy {@code test} within ten seconds: after a commit
     * they are rebuilt in the background, and lookups meanwhile answer from the previous commit.
     */
    boolean suggestionsSoon(String prefix, java.util.function.Predicate<List<String>> test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (test.test(kb.search().suggest(prefix, 5))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void synonymEditsTakeEffectOnTheNextImportWithoutRewritingPassages() throws Exception {
        assertEquals(0, found("zorblax"));
        TestCorpus.write(corpus, "synonyms.txt", TestCorpus.read(corpus, "synonyms.txt") + "zorblax, glutamate\n");
        ImportReport report = run(ImportOptions.INCREMENTAL);
        assertTrue(report.synonymsChanged());
        assertEquals(0, report.documentsWritten());
        assertEquals("treatment-resistant-depression#why-ketamine-works-for-trd-1",
                kb.search().search("zorblax", 1, 0).hits().getFirst().id());
    }

    @Test
    void anInvalidCorpusChangesNothing() throws Exception {
        CommitRecord before = TestKnowledgeBase.indexOf(kb).commitRecord();
        TestCorpus.write(corpus, "providers/peak.json", "{\"id\": \"peak\", \"name\": \"Peak\"");
        TestCorpus.write(corpus, "synonyms.txt", "glutamate => \n");
        CorpusException e = assertThrows(CorpusException.class, () -> run(ImportOptions.INCREMENTAL));
        assertTrue(e.getMessage().startsWith("providers/peak.json, line 1: invalid JSON"), e.getMessage());
        assertEquals(before, TestKnowledgeBase.indexOf(kb).commitRecord());
        assertEquals("invalid", kb.reindexer().lastStatus().outcome());
        assertEquals(7, kb.providers().search(org.healthkb.providers.ProviderQuery.all()).total());
    }

    @Test
    void anInvalidSynonymRuleIsRefusedNamingTheFile() {
        TestCorpus.write(corpus, "synonyms.txt", "glutamate => \n");
        CorpusException e = assertThrows(CorpusException.class, () -> run(ImportOptions.INCREMENTAL));
        assertTrue(e.getMessage().startsWith("synonyms.txt: invalid synonym rule"), e.getMessage());
    }

    @Test
    void theShrinkGuardRefusesToWipeTheIndexUnlessAllowed() throws Exception {
        Files.delete(corpus.resolve(TestCorpus.GUIDE));
        ShrinkRefusedException e = assertThrows(ShrinkRefusedException.class, () -> run(ImportOptions.INCREMENTAL));
        assertEquals("the import would delete " + TestCorpus.realPassages() + " of " + TestCorpus.realPassages()
                + " passages; if that is intended, run it again with --allow-shrink",
                e.getMessage());
        assertEquals(TestCorpus.realPassages(), kb.search().stats().passages(), "still serving every passage");
        ImportReport allowed = run(new ImportOptions(false, true));
        assertEquals(new ImportReport.Changes(0, 0, TestCorpus.realPassages()), allowed.passages());
        assertEquals(0, found("ketamine"));
    }

    @Test
    void fullRebuildRewritesEverything() throws Exception {
        ImportReport report = run(new ImportOptions(true, false));
        assertTrue(report.full());
        assertEquals(TestCorpus.realDocuments(), report.documentsWritten());
        assertEquals(TestCorpus.realPassages(), kb.search().stats().passages());
    }

    /** The shipped model under a name of our choosing, counting the passages it embeds. */
    static final class CountingEmbedder implements Embedder {
        private final Embedder shipped = TestKnowledgeBase.model();
        private final String name;
        int passagesEmbedded;

        CountingEmbedder(String name) {
            this.name = name;
        }

        @Override
        public String model() {
            return name;
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            passagesEmbedded += texts.size();
            return shipped.passages(texts);
        }

        @Override
        public float[] question(String text) {
            return shipped.question(text);
        }
    }

    void reopenWith(Embedder embedder) throws IOException {
        kb.close();
        kb = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index")), embedder);
    }

    @Test
    void anIndexEmbeddedWithAnotherModelIsRebuiltNotMixed() throws Exception {
        CountingEmbedder other = new CountingEmbedder("another-model");
        reopenWith(other);
        assertTrue(kb.reindexer().isStale(), "the corpus is unchanged but the vectors came from another model");
        ImportReport report = run(ImportOptions.INCREMENTAL);
        assertTrue(report.full());
        assertEquals(TestCorpus.realDocuments(), report.documentsWritten());
        assertEquals(TestCorpus.realPassages(), other.passagesEmbedded, "no vector of the old model is kept");
        assertEquals("another-model", TestKnowledgeBase.indexOf(kb).commitRecord().embeddingModel());
    }

    @Test
    void onlyPassagesWhoseTextChangedAreEmbeddedAgain() throws Exception {
        CountingEmbedder shipped = new CountingEmbedder(OnnxEmbedder.bgeSmall().model());
        reopenWith(shipped);
        editGuide("By some estimates, roughly one-third", "By some estimates (synthetic edit), roughly one-third");
        assertEquals(1 + TestCorpus.realPassages(), run(ImportOptions.INCREMENTAL).documentsWritten(), "the guide is rewritten whole");
        assertEquals(1, shipped.passagesEmbedded, "but only the edited paragraph is embedded");
        assertEquals(TestCorpus.realDocuments(), run(new ImportOptions(true, false)).documentsWritten());
        assertEquals(1, shipped.passagesEmbedded, "a rebuild with the same model keeps every vector");
        // No word of the question is in this passage: only its kept vector can find it.
        assertTrue(kb.search().search("feeling hopeless after trying many drugs", 5, 0).hits().stream()
                .anyMatch(hit -> hit.id().endsWith("#what-is-treatment-resistant-depression-2")), "kept vectors still find by meaning");
    }

    @Test
    void anIndexBuiltWithoutVectorsEmbedsNothingServesKeywordsAndStaysSoUntilAskedForVectors() throws Exception {
        CountingEmbedder shipped = new CountingEmbedder(OnnxEmbedder.bgeSmall().model());
        try (KnowledgeBase keywordOnly = KnowledgeBase.open(Settings.of(corpus, temp.resolve("keyword-index")), shipped)) {
            ImportReport report = keywordOnly.reindexer().run(new ImportOptions(false, false, ImportOptions.Vectors.NONE),
                    CorpusReader.Progress.NONE, true);
            assertEquals(TestCorpus.realPassages(), report.totalPassages());
            assertEquals(0, shipped.passagesEmbedded);
            assertEquals("", TestKnowledgeBase.indexOf(keywordOnly).commitRecord().embeddingModel());
            assertEquals(SearchMode.KEYWORD, keywordOnly.search().defaultMode());
            assertEquals(SearchMode.KEYWORD, keywordOnly.search().search("ketamine dose", 5, 0).mode());
            SearchModeUnavailableException refused = assertThrows(SearchModeUnavailableException.class,
                    () -> keywordOnly.search().search("ketamine dose", 5, 0, SearchMode.HYBRID));
            assertTrue(refused.getMessage().contains("--no-vectors"), refused.getMessage());

            editGuide("By some estimates, roughly one-third", "By some estimates (synthetic edit), roughly one-third");
            assertTrue(keywordOnly.reindexer().isStale());
            keywordOnly.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            assertEquals(0, shipped.passagesEmbedded, "an import as before keeps the index without vectors");
            assertFalse(keywordOnly.reindexer().isStale(), "an index without vectors is not stale for lacking them");

            ImportReport embedded = keywordOnly.reindexer().run(new ImportOptions(false, false, ImportOptions.Vectors.EMBED),
                    CorpusReader.Progress.NONE, true);
            assertTrue(embedded.full(), "vectors come to every passage at once");
            assertEquals(TestCorpus.realPassages(), shipped.passagesEmbedded);
            assertEquals(SearchMode.HYBRID, keywordOnly.search().defaultMode());
        }
    }

    @Test
    void anImportWaitsABoundedTimeForAnotherProcessWritingTheIndexThenSaysSo() throws Exception {
        editGuide("By some estimates, roughly one-third", "By some estimates (synthetic edit), roughly one-third");
        try (KnowledgeBase patient = KnowledgeBase.open(Settings.of(corpus, temp.resolve("index"))
                .withWriteLockWait(Duration.ofMillis(400)), new FakeEmbedder());
             Directory shared = FSDirectory.open(temp.resolve("index"));
             Lock otherProcess = shared.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            long start = System.nanoTime();
            ImportBusyException busy = assertThrows(ImportBusyException.class, () -> patient.reindexer()
                    .run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true));
            assertTrue(System.nanoTime() - start >= 350_000_000L, "it waited for the other writer first");
            assertTrue(busy.getMessage().startsWith("another process is writing to the index in " + temp.resolve("index")),
                    busy.getMessage());
            assertEquals("busy", patient.reindexer().lastStatus().outcome());
            assertEquals(0, found("synthetic edit"), "nothing was written");
        }
        assertEquals(1 + TestCorpus.realPassages(), run(ImportOptions.INCREMENTAL).documentsWritten(), "once the other writer is gone, it imports");
    }

    @Test
    void stoppingGivesUpAnImportStillReadingWithoutWritingAnything() throws Exception {
        editGuide("By some estimates, roughly one-third", "By some estimates (synthetic edit), roughly one-third");
        CountDownLatch reading = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<ImportReport> running = executor.submit(() -> kb.reindexer().run(ImportOptions.INCREMENTAL,
                    (done, total) -> {
                        reading.countDown();
                        sleepQuietly(300); // an import that takes a while
                    }, false));
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            assertTrue(kb.reindexer().stop(Duration.ofSeconds(30)), "the import gave up within the wait");
            ExecutionException failed = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
            assertEquals("the import was stopped before it wrote anything; the index keeps its previous commit",
                    failed.getCause().getMessage());
            assertEquals("stopped", kb.reindexer().lastStatus().outcome());
            assertEquals(0, found("synthetic edit"), "nothing was written");
            assertThrows(ImportBusyException.class, () -> run(ImportOptions.INCREMENTAL), "no import after stopping");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void stoppingWaitsForAnImportThatIsWritingToCommitThenRefusesNewOnes() throws Exception {
        editGuide("By some estimates, roughly one-third", "By some estimates (synthetic edit), roughly one-third");
        CountDownLatch embedded = new CountDownLatch(1);
        CorpusReader.Progress progress = new CorpusReader.Progress() {
            @Override
            public void fileDone(int done, int total) {
            }

            @Override
            public void passagesEmbedded(int done, int total) {
                if (done == total) {
                    embedded.countDown();
                }
            }
        };
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (Directory shared = FSDirectory.open(temp.resolve("index"));
             Lock otherProcess = shared.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            // Past its last batch of passages the import opens its writer, and waits here for the other one's lock.
            Future<ImportReport> running = executor.submit(() -> kb.reindexer().run(ImportOptions.INCREMENTAL, progress, false));
            assertTrue(embedded.await(30, TimeUnit.SECONDS));
            sleepQuietly(500);
            executor.submit(() -> {
                sleepQuietly(300);
                otherProcess.close();
                return null;
            });
            assertTrue(kb.reindexer().stop(Duration.ofSeconds(30)), "the import finished within the wait");
            assertEquals(1, found("synthetic edit"), "stop returned only once the import had committed");
            assertEquals(1 + TestCorpus.realPassages(), running.get(10, TimeUnit.SECONDS).documentsWritten());
            assertThrows(ImportBusyException.class, () -> run(ImportOptions.INCREMENTAL), "no import after stopping");
        } finally {
            executor.shutdownNow();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSecondImportWhileOneRunsIsRefusedNotRunConcurrently() throws Exception {
        editGuide("By some estimates, roughly one-third", "By some estimates (synthetic edit), roughly one-third");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<ImportReport> first = executor.submit(() -> kb.reindexer().run(ImportOptions.INCREMENTAL, (done, total) -> {
                started.countDown();
                awaitQuietly(release);
            }, false));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertThrows(ImportBusyException.class,
                    () -> kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, false));
            release.countDown();
            assertEquals(1 + TestCorpus.realPassages(), first.get(10, TimeUnit.SECONDS).documentsWritten());
        } finally {
            executor.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.healthkb.importer;

import org.healthkb.KnowledgeBase;
import org.healthkb.TestCorpus;
import org.healthkb.Settings;
import org.healthkb.TestKnowledgeBase;
import org.healthkb.search.SearchResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Eight readers search without pause through twenty imports and never see an error, an empty or a partial answer. */
class ReadersDuringImportsTest {
    private static final int READERS = 8;
    private static final int IMPORTS = 20;
    private static final String ANCHOR = "<h2 id=\"combining-ketamine-with-other-treatments-for-trd\">";

    @TempDir
    Path temp;

    @Test
    void readersSeeOnlyWholeCommits() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        String original = TestCorpus.read(corpus, TestCorpus.GUIDE);
        String extended = original.replace(ANCHOR, "<p>" + ReindexerTest.MARKER + "</p>\n  " + ANCHOR);
        try (KnowledgeBase kb = TestKnowledgeBase.indexedByWords(Settings.of(corpus, temp.resolve("index")))) {
            TestKnowledgeBase.awaitSuggestions(kb, "dose");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong searches = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService readers = Executors.newFixedThreadPool(READERS);
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                futures.add(readers.submit(() -> {
                    while (running.get()) {
                        check(kb, failures);
                        searches.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < IMPORTS; i++) {
                TestCorpus.write(corpus, TestCorpus.GUIDE, i % 2 == 0 ? extended : original);
                ImportReport report = kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
                assertEquals(i % 2 == 0 ? TestCorpus.realPassages() + 1 : TestCorpus.realPassages(), report.totalPassages());
            }
            running.set(false);
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
            readers.shutdown();
            assertEquals(List.of(), List.copyOf(failures));
            assertTrue(searches.get() > IMPORTS * READERS, "readers kept searching: " + searches.get());
        }
    }

    /** Each answer must come from one whole commit: the real passages, or one more with the marker paragraph findable. */
    private static void check(KnowledgeBase kb, ConcurrentLinkedQueue<String> failures) {
        try {
            SearchResults ketamine = kb.search().search("ketamine dose", 10, 0);
            if (ketamine.hits().isEmpty()) {
                failures.add("empty answer for 'ketamine dose'");
            }
            int passages = kb.search().stats().passages();
            if (!Set.of(TestCorpus.realPassages(), TestCorpus.realPassages() + 1).contains(passages)) {
                failures.add("partial index: " + passages + " passages");
            }
            long marker = kb.search().search("zebrafish husbandry", 5, 0).total();
            if (marker > 1) {
                failures.add("marker paragraph found " + marker + " times");
            }
            if (kb.providers().byId("kalm-health").isEmpty()) {
                failures.add("a provider vanished");
            }
            if (!kb.search().suggest("dose", 5).contains("dose flexibility")) {
                failures.add("suggestions lost 'dose flexibility': " + kb.search().suggest("dose", 5));
            }
        } catch (RuntimeException e) {
            failures.add(e.toString());
        }
    }
}

package org.healthkb.importer;

import org.healthkb.KnowledgeBase;
import org.healthkb.TestCorpus;
import org.healthkb.Settings;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusWatcherTest {
    @TempDir
    Path temp;

    /** Polls, bounded in time, for an effect that happens on another thread. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aSavedEditIsImportedWithoutBeingAskedAndABrokenOneIsNot() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        try (KnowledgeBase kb = TestKnowledgeBase.indexedByWords(Settings.of(corpus, temp.resolve("index")));
             CorpusWatcher watcher = new CorpusWatcher(kb.reindexer(), Duration.ofMillis(200))) {
            String peak = TestCorpus.read(corpus, "providers/peak.json");
            TestCorpus.write(corpus, "providers/peak.json", peak.replace("some adjustment", "some adjustment (watched edit)"));
            assertTrue(eventually(() -> kb.providers().byId("peak").orElseThrow().notes().contains("watched edit")));

            TestCorpus.write(corpus, "providers/peak.json", "{ broken");
            assertTrue(eventually(() -> kb.reindexer().lastStatus() != null
                    && kb.reindexer().lastStatus().outcome().equals("invalid")));
            assertEquals("Standard telehealth model with some adjustment (watched edit)",
                    kb.providers().byId("peak").orElseThrow().notes());
        }
    }
}

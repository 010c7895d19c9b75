package org.healthkb;

import org.healthkb.importer.CorpusReader;
import org.healthkb.reindex.ImportOptions;
import org.healthkb.search.Ranking;

import java.nio.file.Path;

/** Knowledge bases over the real corpus (or a copy), indexed into a temporary folder. */
public final class TestKnowledgeBase {
    /** The index beneath {@code kb}, for tests of what the services do not show. */
    public static org.healthkb.index.KnowledgeIndex indexOf(KnowledgeBase kb) {
        return kb.index();
    }

    private TestKnowledgeBase() {
    }

    public static KnowledgeBase indexed(Path corpus, Path indexDir) {
        return indexed(corpus, indexDir, Ranking.DEFAULT);
    }

    public static KnowledgeBase indexed(Path corpus, Path indexDir, Ranking ranking) {
        return indexed(new Settings(corpus, indexDir, ranking, null));
    }

    /** Opens a knowledge base with {@code settings} and imports its corpus. */
    public static KnowledgeBase indexed(Settings settings) {
        try {
            KnowledgeBase kb = KnowledgeBase.open(settings);
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            return kb;
        } catch (Exception e) {
            throw new IllegalStateException("could not index " + settings.corpusDir(), e);
        }
    }

    /**
     * Waits (at most 30 s) until {@code kb} completes {@code prefix}: the first completions are built
     * in the background, and a lookup waits for them only half a second, which a busy test machine
     * with a cold JIT can exceed.
     */
    public static void awaitSuggestions(KnowledgeBase kb, String prefix) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (kb.search().suggest(prefix, 1).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no completions for '" + prefix + "' after 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for completions", e);
            }
        }
    }
}

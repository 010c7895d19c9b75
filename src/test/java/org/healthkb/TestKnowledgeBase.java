package org.healthkb;

import org.healthkb.importer.CorpusReader;
import org.healthkb.importer.ImportOptions;
import org.healthkb.search.Ranking;
import org.healthkb.semantic.Embedder;
import org.healthkb.semantic.OnnxEmbedder;

import java.nio.file.Path;

/** Knowledge bases over the real corpus (or a copy), indexed into a temporary folder. */
public final class TestKnowledgeBase {
    /**
     * The shipped embedding model, loaded once for all the tests of a JVM (loading it takes about a
     * second, and it is thread-safe) rather than once per knowledge base; the JVM's exit releases it.
     */
    private static final class Model {
        static final OnnxEmbedder SHIPPED = OnnxEmbedder.bgeSmall();
    }

    /** The shipped embedding model, shared by the tests that need meaning. */
    public static Embedder model() {
        return Model.SHIPPED;
    }

    /** Opens a knowledge base with {@code settings} and the shared model. */
    public static KnowledgeBase open(Settings settings) {
        try {
            return KnowledgeBase.open(settings, model());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

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
        return indexed(settings, model());
    }

    /**
     * Opens a knowledge base with {@code settings} and the {@link WordsOnlyEmbedder} and imports its
     * corpus: for tests of imports, serving and the API, where meaning is not what they test.
     */
    public static KnowledgeBase indexedByWords(Settings settings) {
        return indexed(settings, new WordsOnlyEmbedder());
    }

    private static KnowledgeBase indexed(Settings settings, Embedder embedder) {
        try {
            KnowledgeBase kb = KnowledgeBase.open(settings, embedder);
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
        Await.until("completions for '" + prefix + "'", () -> !kb.search().suggest(prefix, 1).isEmpty());
    }
}

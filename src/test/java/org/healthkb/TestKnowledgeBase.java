package org.healthkb;

import org.healthkb.importer.CorpusReader;
import org.healthkb.reindex.ImportOptions;
import org.healthkb.search.Ranking;

import java.nio.file.Path;

/** Knowledge bases over the real corpus (or a copy), indexed into a temporary folder. */
public final class TestKnowledgeBase {
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
}

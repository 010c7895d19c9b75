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
        try {
            KnowledgeBase kb = KnowledgeBase.open(new Settings(corpus, indexDir, ranking, null));
            kb.reindexer().run(ImportOptions.INCREMENTAL, CorpusReader.Progress.NONE, true);
            return kb;
        } catch (Exception e) {
            throw new IllegalStateException("could not index " + corpus, e);
        }
    }
}

package org.healthkb.eval;

import org.healthkb.Settings;
import org.healthkb.index.ContentStore;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.opensearch.OpenSearchEngine;
import org.healthkb.opensearch.OpenSearchIndex;
import org.healthkb.opensearch.OpenSearchTarget;
import org.healthkb.search.EmbeddedEngine;
import org.healthkb.search.Ranking;
import org.healthkb.search.SearchEngine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where an evaluation keeps the content it imports, so evaluating never touches what is served: a
 * temporary folder for the embedded index, or, on OpenSearch, indexes under a prefix of the run's own
 * ({@code <prefix>-eval-<id>}). Both are deleted on close.
 */
final class EvaluationContent implements Closeable {
    private final TemporaryIndex dir;
    /** The run's own names in the cluster, or null on the embedded index. */
    private final OpenSearchTarget openSearch;
    private ContentStore store;
    private SearchEngine engine;

    private EvaluationContent(TemporaryIndex dir, OpenSearchTarget openSearch) {
        this.dir = dir;
        this.openSearch = openSearch;
    }

    /** @param cluster the OpenSearch cluster to evaluate on, or null for the embedded index */
    static EvaluationContent create(OpenSearchTarget cluster) throws IOException {
        return new EvaluationContent(new TemporaryIndex(), cluster == null ? null
                : cluster.withPrefix(cluster.prefix() + "-eval-" + Long.toString(System.nanoTime(), 36)));
    }

    /** The store and engine over it, opened for an evaluation that writes and searches them itself. */
    static EvaluationContent open(OpenSearchTarget cluster, Ranking ranking, String embeddingModel) throws IOException {
        EvaluationContent content = create(cluster);
        try {
            if (content.openSearch == null) {
                KnowledgeIndex index = KnowledgeIndex.open(content.dir.path(), ranking.similarity(), embeddingModel);
                content.store = index;
                content.engine = new EmbeddedEngine(index);
            } else {
                content.store = OpenSearchIndex.open(content.openSearch, ranking.k1(), ranking.b(), embeddingModel);
                content.engine = new OpenSearchEngine(content.openSearch, embeddingModel);
            }
            return content;
        } catch (IOException | RuntimeException e) {
            content.close();
            throw e;
        }
    }

    /** Settings for a knowledge base that imports {@code corpus} here. */
    Settings settings(Path corpus, Ranking ranking) {
        return new Settings(corpus, dir.path(), ranking, null).withOpenSearch(openSearch);
    }

    ContentStore store() {
        return store;
    }

    SearchEngine engine() {
        return engine;
    }

    @Override
    public void close() throws IOException {
        try (dir) {
            if (store instanceof KnowledgeIndex index) {
                index.close();
            }
            if (openSearch != null) {
                OpenSearchIndex.drop(openSearch);
            }
        }
    }
}

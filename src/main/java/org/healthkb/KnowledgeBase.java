package org.healthkb;

import org.healthkb.index.KnowledgeIndex;
import org.healthkb.providers.ProviderService;
import org.healthkb.reindex.Reindexer;
import org.healthkb.search.SearchService;
import org.healthkb.semantic.Embedder;
import org.healthkb.semantic.OnnxEmbedder;

import java.io.Closeable;
import java.io.IOException;

/**
 * The front door: opens the index and the services over it from {@link Settings}. Close it to
 * release the index (and the embedding model it opened). Thread-safe.
 */
public final class KnowledgeBase implements Closeable {
    private final Settings settings;
    private final KnowledgeIndex index;
    private final SearchService search;
    private final ProviderService providers;
    private final Reindexer reindexer;
    private final OnnxEmbedder ownEmbedder;

    private KnowledgeBase(Settings settings, KnowledgeIndex index, OnnxEmbedder ownEmbedder) {
        this.settings = settings;
        this.index = index;
        this.ownEmbedder = ownEmbedder;
        this.search = new SearchService(index, settings.ranking(), settings.questionCacheEntries(),
                settings.searchTimeBudget());
        this.providers = new ProviderService(index);
        this.reindexer = new Reindexer(settings.corpusDir(), index);
    }

    /**
     * Opens (creating when missing, empty) the index in {@code settings.indexDir()}, with the shipped
     * embedding model, which loads on first use and closes with the knowledge base.
     */
    public static KnowledgeBase open(Settings settings) throws IOException {
        OnnxEmbedder embedder = OnnxEmbedder.bgeSmall();
        try {
            return new KnowledgeBase(settings, openIndex(settings, embedder), embedder);
        } catch (IOException | RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /** Opens the index with {@code embedder}, which stays the caller's to close. */
    public static KnowledgeBase open(Settings settings, Embedder embedder) throws IOException {
        return new KnowledgeBase(settings, openIndex(settings, embedder), null);
    }

    private static KnowledgeIndex openIndex(Settings settings, Embedder embedder) throws IOException {
        return KnowledgeIndex.open(settings.indexDir(), settings.ranking().similarity(), embedder, settings.writeLockWait());
    }

    public Settings settings() {
        return settings;
    }

    public KnowledgeIndex index() {
        return index;
    }

    public SearchService search() {
        return search;
    }

    public ProviderService providers() {
        return providers;
    }

    public Reindexer reindexer() {
        return reindexer;
    }

    @Override
    public void close() throws IOException {
        try {
            index.close();
        } finally {
            if (ownEmbedder != null) {
                ownEmbedder.close();
            }
        }
    }
}

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
 * release the index. Thread-safe.
 */
public final class KnowledgeBase implements Closeable {
    private final Settings settings;
    private final KnowledgeIndex index;
    private final SearchService search;
    private final ProviderService providers;
    private final Reindexer reindexer;

    private KnowledgeBase(Settings settings, KnowledgeIndex index) {
        this.settings = settings;
        this.index = index;
        this.search = new SearchService(index, settings.ranking());
        this.providers = new ProviderService(index);
        this.reindexer = new Reindexer(settings.corpusDir(), index);
    }

    /** Opens (creating when missing, empty) the index in {@code settings.indexDir()}, with the shipped embedding model. */
    public static KnowledgeBase open(Settings settings) throws IOException {
        return open(settings, OnnxEmbedder.bgeSmall());
    }

    public static KnowledgeBase open(Settings settings, Embedder embedder) throws IOException {
        return new KnowledgeBase(settings, KnowledgeIndex.open(settings.indexDir(), settings.ranking().similarity(), embedder));
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
        index.close();
    }
}

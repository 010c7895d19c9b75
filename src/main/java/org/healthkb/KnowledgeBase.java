package org.healthkb;

import org.healthkb.index.ContentStore;
import org.healthkb.index.KnowledgeIndex;
import org.healthkb.opensearch.OpenSearchIndex;
import org.healthkb.opensearch.OpenSearchTarget;
import org.healthkb.opensearch.OpenSearchProviders;
import org.healthkb.providers.EmbeddedProviders;
import org.healthkb.providers.ProviderEngine;
import org.healthkb.providers.ProviderService;
import org.healthkb.importer.Reindexer;
import org.healthkb.opensearch.OpenSearchEngine;
import org.healthkb.search.EmbeddedEngine;
import org.healthkb.search.SearchEngine;
import org.healthkb.search.IndexStats;
import org.healthkb.search.SearchService;
import org.healthkb.semantic.Embedder;
import org.healthkb.semantic.OnnxEmbedder;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The front door: opens the index and the services over it from {@link Settings}. Close it to
 * release the index (and the embedding model it opened). Thread-safe.
 * <p>
 * With {@link Settings#openSearch()} set, the content lives in that OpenSearch cluster instead of the
 * embedded index: imports write there, and searches and provider comparisons read there.
 */
public final class KnowledgeBase implements Closeable {
    private final Settings settings;
    /** The embedded index, or null when the content is in OpenSearch. */
    private final KnowledgeIndex index;
    private final ContentStore store;
    private final SearchService search;
    private final ProviderService providers;
    private final Reindexer reindexer;
    private final OnnxEmbedder ownEmbedder;

    /** @param ownEmbedder {@code embedder} when this knowledge base opened it and closes it, else null */
    private KnowledgeBase(Settings settings, ContentStore store, Embedder embedder, OnnxEmbedder ownEmbedder) {
        this.settings = settings;
        this.store = store;
        this.index = store instanceof KnowledgeIndex embedded ? embedded : null;
        this.ownEmbedder = ownEmbedder;
        SearchEngine engine;
        ProviderEngine providerEngine;
        if (index != null) {
            engine = new EmbeddedEngine(index);
            providerEngine = new EmbeddedProviders(index);
        } else {
            OpenSearchEngine cluster = new OpenSearchEngine(settings.openSearch(), embedder.model());
            engine = cluster;
            providerEngine = new OpenSearchProviders(cluster);
        }
        this.search = new SearchService(engine, embedder, settings.ranking(), settings.questionCacheEntries(),
                settings.searchTimeBudget());
        this.providers = new ProviderService(providerEngine);
        this.reindexer = new Reindexer(settings.corpusDir(), store, embedder, settings.vectorCacheDir());
    }

    /**
     * Opens (creating when missing, empty) the index in {@code settings.indexDir()}, with the shipped
     * embedding model, which loads on first use and closes with the knowledge base.
     */
    public static KnowledgeBase open(Settings settings) throws IOException {
        OnnxEmbedder embedder = OnnxEmbedder.bgeSmall();
        try {
            return new KnowledgeBase(settings, openStore(settings, embedder), embedder, embedder);
        } catch (IOException | RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /** Opens the index with {@code embedder}, which stays the caller's to close. */
    public static KnowledgeBase open(Settings settings, Embedder embedder) throws IOException {
        return new KnowledgeBase(settings, openStore(settings, embedder), embedder, null);
    }

    private static ContentStore openStore(Settings settings, Embedder embedder) throws IOException {
        OpenSearchTarget cluster = settings.openSearch();
        if (cluster != null) {
            return OpenSearchIndex.open(cluster, settings.ranking().k1(), settings.ranking().b(), embedder.model());
        }
        return KnowledgeIndex.open(settings.indexDir(), settings.ranking().similarity(), embedder.model(),
                settings.writeLockWait());
    }

    public Settings settings() {
        return settings;
    }

    /** The embedded index, for tests of what lies beneath the services (through {@code TestKnowledgeBase}). */
    KnowledgeIndex index() {
        if (index == null) {
            throw new IllegalStateException("the content is in " + store.location() + ", not in an embedded index");
        }
        return index;
    }

    /** Where imports write: the embedded index or OpenSearch. */
    public String location() {
        return store.location();
    }

    /** True when {@code indexDir} holds an index to open. */
    public static boolean indexExists(Path indexDir) {
        return KnowledgeIndex.exists(indexDir);
    }

    /** What the served index holds: counts, when it was committed, how questions are ranked by default. */
    public IndexStats stats() {
        return search.stats();
    }

    /**
     * True when the served index was written by another version of kb or another embedding model:
     * searching it works, but not as designed, until the next import rebuilds it.
     */
    public boolean builtByAnotherVersion() {
        return store.needsRebuild(!store.keywordOnly());
    }

    /**
     * Picks up commits made by other processes ({@code ./kb index} while serving) every {@code period};
     * searches on OpenSearch look at the aliases on their own.
     */
    public void refreshEvery(Duration period) {
        if (index != null) {
            index.refreshEvery(period);
        }
    }

    /**
     * How many searches may run at once per core: one on the embedded index, where a search is CPU
     * work; four on OpenSearch, where a search mostly waits for the cluster's answers (with one, a
     * two-core server answered 80 questions a second and refused some at 16 connections).
     */
    public int searchesPerCore() {
        return index != null ? 1 : 4;
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

    /**
     * Stops imports first (one adding vectors commits its batch in hand, at most a minute), so the
     * index never closes under a writer; then the index, then the model.
     */
    @Override
    public void close() throws IOException {
        try {
            reindexer.stop(Duration.ofMinutes(1));
            if (index != null) {
                index.close();
            }
        } finally {
            if (ownEmbedder != null) {
                ownEmbedder.close();
            }
        }
    }
}

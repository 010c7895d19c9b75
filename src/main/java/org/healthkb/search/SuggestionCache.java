package org.healthkb.search;

import org.apache.lucene.index.IndexReader;
import org.healthkb.index.KnowledgeIndex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The suggester of the latest commit, built off the request path. Building reads every passage
 * (about ten seconds at 40,000), so after a commit lookups keep getting the previous commit's
 * suggestions while the new ones build on a background thread; only the very first lookup waits,
 * for the first build. Superseded suggesters are left to the garbage collector rather than closed:
 * they hold heap memory only, and a request may still be reading one.
 */
final class SuggestionCache {
    private final KnowledgeIndex index;
    private final ExecutorService builder;
    private Built ready;
    private CompletableFuture<Built> building;

    private record Built(IndexReader.CacheKey commit, Suggestions suggestions) {
    }

    SuggestionCache(KnowledgeIndex index) {
        this.index = index;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "suggestions");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        this.builder = pool;
    }

    /** Starts building suggestions for the latest commit unless they are built or building; does not wait. */
    synchronized void refresh() {
        boolean current = ready != null && ready.commit() == latestCommit();
        if (!current && (building == null || building.isDone())) {
            building = CompletableFuture.supplyAsync(this::build, builder);
        }
    }

    List<String> lookup(String prefix, int limit) {
        Built usable;
        CompletableFuture<Built> pending;
        synchronized (this) {
            refresh();
            usable = ready;
            pending = building;
        }
        try {
            Built built = usable != null ? usable : pending.join();
            return built.suggestions().lookup(prefix, limit);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Built build() {
        Built built = index.read(snapshot -> new Built(snapshot.getIndexReader().getReaderCacheHelper().getKey(),
                Suggestions.build(snapshot)));
        synchronized (this) {
            ready = built;
        }
        return built;
    }

    private IndexReader.CacheKey latestCommit() {
        return index.read(snapshot -> snapshot.getIndexReader().getReaderCacheHelper().getKey());
    }
}

package org.healthkb.search;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The suggester of the latest commit, built off the request path. Building reads every passage
 * (about ten seconds at 40,000), so after a commit lookups keep getting the previous commit's
 * suggestions while the new ones build on a background thread. Before the first build is done,
 * a lookup waits for it at most {@link #FIRST_BUILD_WAIT} (a small corpus builds well within it) and
 * then answers with no completions rather than keep a reader typing waiting. Superseded suggesters are left to the garbage collector rather than closed:
 * they hold heap memory only, and a request may still be reading one.
 */
public final class SuggestionCache {
    /** The longest a lookup waits for the first completions: a pause a reader typing does not notice. */
    static final Duration FIRST_BUILD_WAIT = Duration.ofMillis(500);

    private final Source source;
    private final ExecutorService builder;
    private Built ready;
    private CompletableFuture<Built> building;

    /** Where completions come from: the engine's latest content. */
    public interface Source {
        /** What names the latest content (a commit, a generation): equal while it is the same. */
        Object latest();

        /** Feeds the latest content's texts to {@code texts}, and returns what names that content. */
        Object collect(Suggestions.Texts texts) throws IOException;
    }

    private record Built(Object content, Suggestions suggestions) {
    }

    public SuggestionCache(Source source) {
        this.source = source;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "suggestions");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        this.builder = pool;
    }

    /** Starts building suggestions for the latest commit unless they are built or building; does not wait. */
    public synchronized void refresh() {
        boolean current = ready != null && Objects.equals(ready.content(), source.latest());
        if (!current && (building == null || building.isDone())) {
            building = CompletableFuture.supplyAsync(this::build, builder);
        }
    }

    public List<String> lookup(String prefix, int limit) {
        Built usable;
        CompletableFuture<Built> pending;
        synchronized (this) {
            refresh();
            usable = ready;
            pending = building;
        }
        try {
            Built built = usable != null ? usable : pending.get(FIRST_BUILD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return built.suggestions().lookup(prefix, limit);
        } catch (TimeoutException e) {
            return List.of();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Built build() {
        try {
            Suggestions.Texts texts = new Suggestions.Texts();
            Object content = source.collect(texts);
            Built built = new Built(content, Suggestions.build(texts));
            synchronized (this) {
                ready = built;
            }
            return built;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.healthkb.cli;

import io.javalin.Javalin;
import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.CorpusWatcher;
import org.healthkb.importer.ImportBusyException;
import org.healthkb.importer.ImportOptions;
import org.healthkb.importer.ImportReport;
import org.healthkb.importer.ShrinkRefusedException;
import org.healthkb.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./kb serve}: serves the search page and the JSON API until the process is stopped. A new
 * index is built first; an existing one is served at once and brought up to date with the corpus in
 * the background (readers move to the new commit when it is durable), so a restart never keeps
 * readers waiting for the corpus to be checked.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Serve the search page and the JSON API until stopped. A missing index is built first; an existing"
                + " one is served at once and brought up to date in the background.",
                "With --engine opensearch, the content in the cluster is served as it is: ./kb index --engine opensearch"
                        + " (or the admin route, or --watch on one server) imports, so servers can be added and removed"
                        + " freely.",
                "Admin routes (/api/admin/...) need KB_ADMIN_TOKEN, at least 32 characters."})
final class ServeCommand implements Callable<Integer> {
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration WATCH_QUIET_PERIOD = Duration.ofMillis(500);
    /** How long stopping waits for an import in progress to commit. */
    static final Duration IMPORT_FINISH_WAIT = Duration.ofMinutes(1);

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--port", defaultValue = "7070",
            description = "the port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "the address to listen on (default: ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--corpus", paramLabel = "DIR", description = "the corpus folder (default: corpus beside ./kb)")
    Path corpus;
    @Option(names = "--index", paramLabel = "DIR", description = "the index folder (default: index beside ./kb)")
    Path index;
    @Option(names = "--watch", description = "import again whenever a corpus file changes")
    boolean watch;
    @Option(names = "--cache-mb", paramLabel = "MB", defaultValue = "32",
            description = "memory for answers to repeated questions, 0 to 4096; 0 turns it off (default: ${DEFAULT-VALUE})")
    int cacheMegabytes;
    @Option(names = "--cors-origins", paramLabel = "URL,...", split = ",",
            description = "origins (such as https://example.org) whose pages may call the readers' JSON routes")
    List<String> corsOrigins = List.of();
    @Mixin
    EngineOptions engine;

    ServeCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        UsageException.within("--port", port, 0, 65535);
        UsageException.within("--cache-mb", cacheMegabytes, 0, 4096);
        List<String> origins = corsOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        Settings settings = engine.applyTo(Settings.of(corpus == null ? home.resolve("corpus") : corpus,
                        index == null ? home.resolve("index") : index)
                .withAdminToken(System.getenv("KB_ADMIN_TOKEN")).withResponseCacheBytes((long) cacheMegabytes << 20)
                .withCorsOrigins(origins).withVectorCacheDir(Settings.defaultVectorCacheDir()));
        boolean embedded = settings.openSearch() == null;
        if (settings.adminToken() != null) {
            try {
                WebServer.checkAdminToken(settings.adminToken());
            } catch (IllegalArgumentException e) {
                err.println("kb: " + e.getMessage() + "; not serving");
                return 1;
            }
        }
        KnowledgeBase kb = null;
        try {
            kb = KnowledgeBase.open(settings);
            boolean imported = kb.stats().committedAt() != null;
            if (!embedded && !imported) {
                err.println("kb: nothing is imported in " + kb.location() + " yet; ./kb index --engine opensearch imports"
                        + " the corpus, and this server serves it as soon as it is there");
            } else if (!imported && !bringUpToDate(kb, settings, out, err)) {
                kb.close();
                return 1;
            }
            kb.refreshEvery(REFRESH);
            kb.search().prepare();
            Javalin app = WebServer.create(kb).start(host, port);
            if (imported && embedded) {
                catchUpInBackground(kb, settings, out, err);
            }
            CorpusWatcher watcher = watch ? new CorpusWatcher(kb.reindexer(), WATCH_QUIET_PERIOD) : null;
            stopOnSignals(app, watcher, kb);
            out.printf("kb: serving http://%s:%d/ (%d passages, %d providers%s)%s%s%n", host, app.port(),
                    kb.stats().passages(), kb.stats().providers(), embedded ? "" : " in " + kb.location(),
                    watcher == null ? "" : ", watching " + settings.corpusDir(),
                    settings.adminToken() == null ? "" : ", admin routes enabled");
            return Main.KEEP_RUNNING;
        } catch (IOException | RuntimeException e) {
            err.println("kb: cannot serve: " + e.getMessage());
            closeQuietly(kb);
            return 1;
        }
    }

    /**
     * Imports what changed in the corpus since the served commit, on a thread of its own: checking a
     * large corpus takes seconds, and readers are answered from the served commit meanwhile.
     */
    private static void catchUpInBackground(KnowledgeBase kb, Settings settings, PrintStream out, PrintStream err) {
        Thread catchUp = new Thread(() -> {
            try {
                bringUpToDate(kb, settings, out, err);
            } catch (IOException | RuntimeException e) {
                err.println("kb: bringing the index up to date failed; still serving the previous commit: " + e.getMessage());
            }
        }, "catch-up-import");
        catchUp.setDaemon(true);
        catchUp.start();
    }

    /** Imports when the index is missing or older than the corpus; false when there is nothing to serve. */
    private static boolean bringUpToDate(KnowledgeBase kb, Settings settings, PrintStream out, PrintStream err)
            throws IOException {
        if (!kb.reindexer().isStale()) {
            return true;
        }
        try {
            ImportReport report = kb.reindexer().run(ImportOptions.INCREMENTAL.withVectorsLater(),
                    ProgressPrinter.forTerminal(out), true);
            IndexCommand.print(report, settings.corpusDir(), kb.location(), out);
            return true;
        } catch (CorpusException e) {
            err.println("kb: the corpus in " + settings.corpusDir() + " is invalid:");
            e.problems().forEach(p -> err.println("  " + p));
        } catch (ShrinkRefusedException | ImportBusyException e) {
            err.println("kb: the corpus was not imported: " + e.getMessage());
        }
        boolean hasContent = kb.stats().passages() > 0 || kb.stats().providers() > 0;
        if (hasContent) {
            err.println("kb: serving the previous content of " + kb.location());
        }
        return hasContent;
    }

    /**
     * On Ctrl-C or SIGTERM: stop taking requests and answer those in flight (at most 5 s), stop the
     * watcher, let an import in progress give up if it is still embedding or finish its commit if it
     * is writing (at most a minute), close the index (its refresh thread first) and the model, then
     * exit. Handled as a signal, before the JVM begins to shut down, rather than in a shutdown hook:
     * ONNX Runtime releases its native environment in a shutdown hook of its own, and a question or
     * passage still being embedded when it does crashes the JVM (SIGSEGV).
     */
    private static void stopOnSignals(Javalin app, CorpusWatcher watcher, KnowledgeBase kb) {
        SignalHandler stop = signal -> {
            app.stop();
            closeQuietly(watcher);
            if (!kb.reindexer().stop(IMPORT_FINISH_WAIT)) {
                System.err.println("kb: an import was still running after " + IMPORT_FINISH_WAIT.toSeconds()
                        + " s; it is abandoned and the index keeps its previous commit");
            }
            closeQuietly(kb);
            System.exit(128 + signal.getNumber());
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Shutting down: nothing useful is left to do with the failure.
        }
    }
}

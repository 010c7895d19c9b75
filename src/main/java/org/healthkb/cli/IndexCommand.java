package org.healthkb.cli;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.Problem;
import org.healthkb.importer.ImportBusyException;
import org.healthkb.importer.ImportOptions;
import org.healthkb.importer.ImportReport;
import org.healthkb.importer.ShrinkRefusedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./kb index}: validates the corpus and applies what changed to the index; a large import
 * commits its passages first and then adds their vectors, a batch per commit.
 */
@Command(name = "index", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Import the corpus and bring the index up to date: only what changed, unless --full.",
                "A large import is searchable by its words as soon as its passages are committed; their vectors"
                        + " follow, a batch per commit, with progress on the terminal."})
final class IndexCommand implements Callable<Integer> {
    /** How long stopping waits, after the import has given up or committed, for the report and the index's close. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--corpus", paramLabel = "DIR", description = "the corpus folder (default: corpus beside ./kb)")
    Path corpus;
    @Option(names = "--index", paramLabel = "DIR", description = "the index folder (default: index beside ./kb)")
    Path index;
    @Option(names = "--full", description = "read, check and rewrite everything, not only what changed")
    boolean full;
    @Option(names = "--allow-shrink",
            description = "accept an import that deletes more than half of the passages or providers")
    boolean allowShrink;
    @Option(names = "--no-vectors", description = "embed nothing: seconds instead of minutes, keyword ranking only")
    boolean noVectors;

    IndexCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Settings settings = Settings.of(corpus == null ? home.resolve("corpus") : corpus,
                index == null ? home.resolve("index") : index).withVectorCacheDir(Settings.defaultVectorCacheDir());
        ImportOptions options = new ImportOptions(full, allowShrink,
                noVectors ? ImportOptions.Vectors.NONE : ImportOptions.Vectors.EMBED);
        CountDownLatch finished = new CountDownLatch(1);
        try (KnowledgeBase kb = KnowledgeBase.open(settings)) {
            Thread stopping = stopOnShutdown(kb, finished, err);
            try {
                ImportReport report = kb.reindexer().run(options, ProgressPrinter.forTerminal(out), true);
                print(report, settings, out);
                return 0;
            } finally {
                forget(stopping);
            }
        } catch (CorpusException e) {
            err.println("kb: the corpus in " + settings.corpusDir() + " is invalid; the index was not changed:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        } catch (ShrinkRefusedException e) {
            err.println("kb: refused: " + e.getMessage() + "; the index was not changed");
            return 1;
        } catch (ImportBusyException | IOException e) {
            err.println("kb: cannot write the index in " + settings.indexDir() + ": " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
        }
    }

    /**
     * On Ctrl-C or SIGTERM: an import still reading or embedding gives up without writing, one already
     * writing finishes its commit, and the JVM exits once this command has said which and closed the
     * index. Without this the JVM would simply halt: safe (the previous commit stays), but silent.
     */
    private static Thread stopOnShutdown(KnowledgeBase kb, CountDownLatch finished, PrintStream err) {
        Thread hook = new Thread(() -> {
            if (!kb.reindexer().stop(ServeCommand.IMPORT_FINISH_WAIT)) {
                err.println("kb: the import was still writing after " + ServeCommand.IMPORT_FINISH_WAIT.toSeconds()
                        + " s; it is abandoned and the index keeps its previous commit");
                return;
            }
            try {
                finished.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kb-index-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void forget(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook is running or has run.
        }
    }

    static void print(ImportReport report, Settings settings, PrintStream out) {
        out.printf("%s %s into %s in %d ms%n", report.changedAnything() ? "Indexed" : "Up to date:",
                settings.corpusDir(), settings.indexDir(), report.durationMs());
        if (report.unchangedSince() != null) {
            out.printf("no file changed since the import of %s (its warnings stand; --full checks everything again)%n",
                    report.unchangedSince());
        }
        out.printf("guides:    %s (%d in index)%n", report.guides(), report.totalGuides());
        out.printf("passages:  %s (%d in index)%n", report.passages(), report.totalPassages());
        out.printf("providers: %s (%d in index)%n", report.providers(), report.totalProviders());
        if (report.synonymsChanged()) {
            out.println("synonyms:  changed");
        }
        out.printf("documents written: %d%s%n", report.documentsWritten(), report.full() ? " (full rebuild)" : "");
        if (report.passagesWithoutVectors() > 0) {
            out.printf("vectors:   %d passages still without one (searchable by their words; the next import adds them)%n",
                    report.passagesWithoutVectors());
        }
        if (report.unchangedSince() == null || !report.warnings().isEmpty()) {
            List<Problem> warnings = report.warnings();
            out.printf("warnings: %d%n", warnings.size());
            warnings.forEach(w -> out.println("  " + w));
        }
    }
}

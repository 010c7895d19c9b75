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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./kb index}: validates the corpus and applies what changed to the index; a large import
 * commits its passages first and then adds their vectors, a batch per commit.
 */
@Command(name = "index", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Import the corpus and bring the index up to date: only what changed, unless --full.",
                "A large import is searchable by its words as soon as its passages are committed; their vectors"
                        + " follow, a batch per commit, with progress on the terminal."})
final class IndexCommand implements Callable<Integer> {
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
    @Mixin
    EngineOptions engine;

    IndexCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Settings settings = engine.applyTo(Settings.of(corpus == null ? home.resolve("corpus") : corpus,
                index == null ? home.resolve("index") : index).withVectorCacheDir(Settings.defaultVectorCacheDir()));
        ImportOptions options = new ImportOptions(full, allowShrink,
                noVectors ? ImportOptions.Vectors.NONE : ImportOptions.Vectors.EMBED);
        String location = settings.openSearch() == null ? settings.indexDir().toString() : settings.openSearch().toString();
        try (KnowledgeBase kb = KnowledgeBase.open(settings)) {
            Map<Signal, SignalHandler> previous = stopOnSignals(kb, err);
            try {
                ImportReport report = kb.reindexer().run(options, ProgressPrinter.forTerminal(out), true);
                print(report, settings.corpusDir(), location, out);
                return 0;
            } finally {
                previous.forEach(Signal::handle);
            }
        } catch (CorpusException e) {
            err.println("kb: the corpus in " + settings.corpusDir() + " is invalid; the index was not changed:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        } catch (ShrinkRefusedException e) {
            err.println("kb: refused: " + e.getMessage() + "; the index was not changed");
            return 1;
        } catch (ImportBusyException | IOException e) {
            err.println("kb: cannot write the index in " + location + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * On Ctrl-C or SIGTERM: an import still reading, or embedding before its commit, gives up without
     * writing; one writing finishes its commit; one adding vectors after its commit stops after the
     * batch in hand. The command then says which and returns as usual. The signal is handled here,
     * before the JVM begins to shut down, rather than in a shutdown hook: ONNX Runtime releases its
     * native environment in a shutdown hook of its own, and an embedding still running when it does
     * crashes the JVM (SIGSEGV), so the JVM may shut down only once the import has stopped.
     *
     * @return the handlers these replaced, to put back when the command is done
     */
    private static Map<Signal, SignalHandler> stopOnSignals(KnowledgeBase kb, PrintStream err) {
        SignalHandler stop = signal -> {
            if (!kb.reindexer().stop(ServeCommand.IMPORT_FINISH_WAIT)) {
                err.println("kb: the import was still writing after " + ServeCommand.IMPORT_FINISH_WAIT.toSeconds()
                        + " s; it is abandoned and the index keeps its previous commit");
                System.exit(1);
            }
        };
        Map<Signal, SignalHandler> previous = new HashMap<>();
        for (String name : List.of("TERM", "INT")) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, stop));
        }
        return previous;
    }

    static void print(ImportReport report, Path corpus, String index, PrintStream out) {
        out.printf("%s %s into %s in %d ms%n", report.changedAnything() ? "Indexed" : "Up to date:",
                corpus, index, report.durationMs());
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

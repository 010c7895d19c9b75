package org.healthkb.cli;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.importer.CorpusException;
import org.healthkb.importer.Problem;
import org.healthkb.reindex.ImportBusyException;
import org.healthkb.reindex.ImportOptions;
import org.healthkb.reindex.ImportReport;
import org.healthkb.reindex.ShrinkRefusedException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./kb index}: validates the corpus and applies what changed to the index as one commit. */
final class IndexCommand implements Command {
    private final Path home;

    IndexCommand(Path home) {
        this.home = home;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(args, Set.of("corpus", "index"), Set.of("full", "allow-shrink", "no-vectors"));
        if (!a.positional().isEmpty()) {
            throw new Arguments.UsageException("index takes no arguments besides options");
        }
        Settings settings = Settings.of(a.path("corpus", home.resolve("corpus")), a.path("index", home.resolve("index")));
        ImportOptions options = new ImportOptions(a.flag("full"), a.flag("allow-shrink"),
                a.flag("no-vectors") ? ImportOptions.Vectors.NONE : ImportOptions.Vectors.EMBED);
        try (KnowledgeBase kb = KnowledgeBase.open(settings)) {
            ImportReport report = kb.reindexer().run(options, ProgressPrinter.forTerminal(out), true);
            print(report, settings, out);
            return 0;
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
        }
    }

    static void print(ImportReport report, Settings settings, PrintStream out) {
        out.printf("%s %s into %s in %d ms%n", report.changedAnything() ? "Indexed" : "Up to date:",
                settings.corpusDir(), settings.indexDir(), report.durationMs());
        out.printf("guides:    %s (%d in index)%n", report.guides(), report.totalGuides());
        out.printf("passages:  %s (%d in index)%n", report.passages(), report.totalPassages());
        out.printf("providers: %s (%d in index)%n", report.providers(), report.totalProviders());
        if (report.synonymsChanged()) {
            out.println("synonyms:  changed");
        }
        out.printf("documents written: %d%s%n", report.documentsWritten(), report.full() ? " (full rebuild)" : "");
        List<Problem> warnings = report.warnings();
        out.printf("warnings: %d%n", warnings.size());
        warnings.forEach(w -> out.println("  " + w));
    }
}

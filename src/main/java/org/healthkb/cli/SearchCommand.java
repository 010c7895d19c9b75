package org.healthkb.cli;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.search.Hit;
import org.healthkb.search.SearchMode;
import org.healthkb.search.SearchModeUnavailableException;
import org.healthkb.search.SearchResults;
import org.jsoup.parser.Parser;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./kb search}: prints the ranked passages for one question. */
final class SearchCommand implements Command {
    private final Path home;

    SearchCommand(Path home) {
        this.home = home;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments(args, Set.of("limit", "index", "mode"), Set.of());
        if (a.positional().isEmpty() || String.join(" ", a.positional()).isBlank()) {
            throw new Arguments.UsageException("search needs a question, e.g. ./kb search \"can I take ketamine with antidepressants\"");
        }
        String question = String.join(" ", a.positional());
        int limit = a.integer("limit", 5, 1, 50);
        SearchMode mode = a.has("mode") ? SearchMode.fromLabel(a.option("mode", "")).orElseThrow(() ->
                new Arguments.UsageException("--mode must be one of " + SearchMode.labels())) : null;
        Path indexDir = a.path("index", home.resolve("index"));
        if (!KnowledgeBase.indexExists(indexDir)) {
            err.println("kb: no index in " + indexDir + "; run ./kb index first");
            return 1;
        }
        try (KnowledgeBase kb = KnowledgeBase.open(Settings.of(home.resolve("corpus"), indexDir))) {
            if (kb.builtByAnotherVersion()) {
                err.println("kb: the index in " + indexDir + " was built by another version of kb or embedding model;"
                        + " results may miss answers until ./kb index rebuilds it");
            }
            print(kb.search().search(question, limit, 0, mode), out);
            return 0;
        } catch (SearchModeUnavailableException e) {
            err.println("kb: --mode hybrid: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("kb: cannot read the index in " + indexDir + ": " + e.getMessage());
            return 1;
        }
    }

    private static void print(SearchResults results, PrintStream out) {
        if (results.corrected()) {
            out.printf("No results for \"%s\"; showing results for \"%s\".%n", results.query(), results.didYouMean());
        } else if (results.didYouMean() != null) {
            out.printf("Did you mean \"%s\"?%n", results.didYouMean());
        }
        out.printf("%s%d passages match (%s, %d ms)%n", results.totalExact() ? "" : "at least ", results.total(),
                results.mode().label(), results.tookMs());
        if (results.total() > 0 && !results.missing().isEmpty()) {
            out.printf("No passage mentions: %s%n", String.join(", ", results.missing()));
        }
        int rank = 0;
        for (Hit hit : results.hits()) {
            out.printf("%n%d. %s  (score %.3f)%n", ++rank, String.join(" > ", hit.headingPath()), hit.score());
            out.printf("   %s%n", hit.url());
            out.printf("   %s%n", terminalText(hit.snippet()));
        }
    }

    /** The snippet's marks as [brackets], its escaped text decoded, on one line. */
    private static String terminalText(String snippet) {
        String marked = snippet.replace("<mark>", "[").replace("</mark>", "]");
        return Parser.unescapeEntities(marked, false).replaceAll("\\s+", " ").strip();
    }
}

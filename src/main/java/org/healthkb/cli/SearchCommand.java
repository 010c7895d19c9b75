package org.healthkb.cli;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.search.Hit;
import org.healthkb.search.SearchMode;
import org.healthkb.search.SearchModeUnavailableException;
import org.healthkb.search.SearchResults;
import org.jsoup.parser.Parser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./kb search}: prints the ranked passages for one question. */
@Command(name = "search", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Print the passages that best answer a question, e.g. ./kb search \"can I take ketamine with antidepressants\".")
final class SearchCommand implements Callable<Integer> {
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "the question, in one or several words")
    List<String> words;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "5", description = "how many passages, 1 to 50 (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--index", paramLabel = "DIR", description = "the index folder (default: index beside ./kb)")
    Path index;
    @Option(names = "--mode", paramLabel = "keyword|hybrid",
            description = "rank by words only, or by words and meaning (default: hybrid where the index has vectors)")
    String mode;

    SearchCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        String question = String.join(" ", words);
        if (question.isBlank()) {
            throw new UsageException("search needs a question, e.g. ./kb search \"can I take ketamine with antidepressants\"");
        }
        UsageException.within("--limit", limit, 1, 50);
        SearchMode mode = this.mode == null ? null : SearchMode.fromLabel(this.mode).orElseThrow(() ->
                new UsageException("--mode must be one of " + SearchMode.labels()));
        Path indexDir = index == null ? home.resolve("index") : index;
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

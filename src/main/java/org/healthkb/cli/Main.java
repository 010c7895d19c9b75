package org.healthkb.cli;

import org.healthkb.cli.Arguments.UsageException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code ./kb}: index, search, serve and evaluate the knowledge base. */
public final class Main {
    static final String USAGE = """
            usage: ./kb <command> [options]

            commands:
              index  [--corpus DIR] [--index DIR] [--full] [--allow-shrink] [--no-vectors]
                     import the corpus and bring the index up to date (only what changed, unless --full);
                     --no-vectors embeds nothing: seconds instead of minutes, keyword ranking only
              search "question" [--limit N] [--index DIR] [--mode keyword|hybrid]
                     print the passages that best answer a question
              serve  [--port 7070] [--host 127.0.0.1] [--corpus DIR] [--index DIR] [--watch] [--cache-mb 32]
                     serve the search page and JSON API (a missing index is built first; an existing one
                     is served at once and brought up to date in the background); admin routes need
                     KB_ADMIN_TOKEN; --watch re-imports when corpus files change; --cache-mb is the
                     memory for answers to repeated questions (0 turns it off)
              eval   [--questions FILE] [--corpus DIR] [--ranking default|plain] [--mode keyword|hybrid]
                     [--set name=value,...] [--baseline name=value,...]
                     measure ranking on judged reader questions (corpus/eval/questions.json), each figure
                     with its 95% interval; --set changes ranking settings, --baseline also prints the
                     gain over the ranking with those settings changed; --ranking plain is Anserini's BM25
              eval   --beir DIR [--split test] [--ranking default|plain] [--mode keyword|hybrid] [--set ...]
                     measure ranking on a BEIR-format test collection in a temporary index

            Memory: ./kb gives Java a heap of KB_HEAP (default 512m); KB_HEAP=2g ./kb index ... for more.

            Defaults: --corpus corpus, --index index (beside ./kb). Exit status: 0 ok, 1 failed, 2 usage.
            """;

    private Main() {
    }

    /**
     * Lucene reports its SIMD setup through java.util.logging; readers of ./kb output do not need it.
     * Held in a field because java.util.logging keeps loggers only weakly, and would forget the level.
     */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    public static void main(String[] args) {
        LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
        int status = run(args, System.out, System.err);
        if (status != Command.KEEP_RUNNING) {
            System.exit(status);
        }
    }

    /** Runs one command; returns its exit status, or {@link Command#KEEP_RUNNING} for a server left running. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = Arrays.asList(args);
        if (words.isEmpty() || words.contains("--help") || words.contains("-h") || words.getFirst().equals("help")) {
            (words.isEmpty() ? err : out).print(USAGE);
            return words.isEmpty() ? 2 : 0;
        }
        Path home = Path.of(System.getProperty("kb.home", "."));
        try {
            Command command = switch (words.getFirst()) {
                case "index" -> new IndexCommand(home);
                case "search" -> new SearchCommand(home);
                case "serve" -> new ServeCommand(home);
                case "eval" -> new EvalCommand(home);
                default -> throw new UsageException("unknown command '" + words.getFirst() + "'");
            };
            return command.run(words.subList(1, words.size()), out, err);
        } catch (UsageException e) {
            err.println("kb: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IllegalStateException e) {
            // Something this machine lacks, such as the embedding model's native library: one line, no trace.
            err.println("kb: " + e.getMessage());
            return 1;
        }
    }
}

package org.healthkb.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./kb}: index, search, serve and evaluate the knowledge base. The commands and their options
 * are declared once, in picocli annotations, which both parse them and write {@code --help}.
 */
public final class Main {
    /** Returned by a command that started a server and must not exit. */
    static final int KEEP_RUNNING = -1;
    static final int USAGE = CommandLine.ExitCode.USAGE;

    /** The top command: without a subcommand, it shows what there is and exits with the usage status. */
    @Command(name = "kb", mixinStandardHelpOptions = true, version = "kb 0.1.0",
            synopsisSubcommandLabel = "COMMAND",
            description = "Index, search, serve and evaluate the health knowledge base.",
            footer = {"", "Defaults: --corpus corpus, --index index (beside ./kb).",
                    "Memory: ./kb gives Java a heap of KB_HEAP (default 512m); KB_HEAP=2g ./kb index ... for more.",
                    "Vectors are kept in KB_VECTOR_CACHE (default ~/.cache/healthkb; 'none' keeps none), so a rebuild"
                            + " embeds only text no import embedded before.",
                    "Exit status: 0 ok, 1 failed, 2 usage. ./kb COMMAND --help tells more."})
    static final class Kb implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return USAGE;
        }
    }

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
        if (status != KEEP_RUNNING) {
            System.exit(status);
        }
    }

    /** Runs one command; returns its exit status, or {@link #KEEP_RUNNING} for a server left running. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path home = Path.of(System.getProperty("kb.home", "."));
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine kb = new CommandLine(new Kb())
                .addSubcommand(new IndexCommand(home, out, err))
                .addSubcommand(new SearchCommand(home, out, err))
                .addSubcommand(new ServeCommand(home, out, err))
                .addSubcommand(new EvalCommand(home, out, err));
        kb.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8)).setErr(errWriter);
        kb.setParameterExceptionHandler((e, words) -> usageMistake(e.getMessage(), e.getCommandLine(), errWriter));
        kb.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException) {
                return usageMistake(e.getMessage(), command, errWriter);
            }
            if (e instanceof IllegalStateException) {
                // Something this machine lacks, such as the embedding model's native library: one line, no trace.
                errWriter.println("kb: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return kb.execute(args);
    }

    private static int usageMistake(String message, CommandLine command, PrintWriter err) {
        err.println("kb: " + message);
        command.usage(err);
        return USAGE;
    }
}

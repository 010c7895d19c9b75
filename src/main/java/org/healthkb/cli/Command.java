package org.healthkb.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code ./kb} subcommand. */
interface Command {
    /** Returned by a command that started a server and must not exit. */
    int KEEP_RUNNING = -1;

    int run(List<String> args, PrintStream out, PrintStream err);
}

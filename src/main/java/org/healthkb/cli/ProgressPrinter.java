package org.healthkb.cli;

import org.healthkb.importer.CorpusReader;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows import progress on one terminal line per stage (files read, then passages embedded: done of
 * total, rate, time left), at most a few times a second. When output is not a terminal, only the
 * moment the passages are committed is told, so logs and pipes stay clean.
 */
final class ProgressPrinter implements CorpusReader.Progress {
    private static final long MIN_INTERVAL_NANOS = 200_000_000L;
    private final PrintStream out;
    private final boolean terminal;
    private long start = System.nanoTime();
    private String stage = "";
    private long lastPrint;

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static CorpusReader.Progress forTerminal(PrintStream out) {
        return new ProgressPrinter(out, isTerminal());
    }

    /** Java 22+ may return a console for redirected output; its {@code isTerminal()} then tells the truth. */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void fileDone(int done, int total) {
        show("reading", "files", done, total);
    }

    @Override
    public void passagesEmbedded(int done, int total) {
        show("embedding", "passages", done, total);
    }

    @Override
    public void passagesSearchable(int passages, int withoutVectors) {
        if (withoutVectors > 0) {
            out.printf("%scommitted: %d passages searchable by their words; adding vectors to %d of them%n",
                    terminal ? "\r" : "", passages, withoutVectors);
        }
    }

    private void show(String verb, String unit, int done, int total) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (!stage.equals(verb)) {
            stage = verb;
            start = now;
            lastPrint = 0;
        } else if (done < total && now - lastPrint < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        long left = rate > 0 ? (long) ((total - done) / rate) : 0;
        out.printf("\r%s %d/%d %s, %.0f %s/s, %s left   ", verb, done, total, unit, rate, unit, format(Duration.ofSeconds(left)));
        if (done == total) {
            out.println();
        }
    }

    private static String format(Duration duration) {
        return duration.toMinutes() > 0 ? duration.toMinutes() + "m" + duration.toSecondsPart() + "s" : duration.toSeconds() + "s";
    }
}

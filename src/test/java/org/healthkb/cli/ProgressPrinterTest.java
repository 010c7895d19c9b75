package org.healthkb.cli;

import org.healthkb.importer.CorpusReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressPrinterTest {
    @Test
    void showsFilesDoneOfTotalRateAndTimeLeftOnOneLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter progress = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.fileDone(1, 3);
        progress.fileDone(2, 3);
        progress.fileDone(3, 3);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rreading 1/3 files, "), out);
        assertTrue(out.contains(" files/s, ") && out.contains(" left"), out);
        assertTrue(out.contains("\rreading 3/3 files, ") && out.endsWith(System.lineSeparator()), out);
    }

    @Test
    void staysQuietWhenOutputIsNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CorpusReader.Progress progress = ProgressPrinter.forTerminal(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.fileDone(1, 1);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "tests run without a terminal");
    }
}

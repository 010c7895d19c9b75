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
        ProgressPrinter progress = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        progress.fileDone(1, 3);
        progress.fileDone(2, 3);
        progress.fileDone(3, 3);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("\rreading 1/3 files, "), out);
        assertTrue(out.contains(" files/s, ") && out.contains(" left"), out);
        assertTrue(out.contains("\rreading 3/3 files, ") && out.endsWith(System.lineSeparator()), out);
    }

    @Test
    void embeddingGetsItsOwnLineAfterReading() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter progress = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        progress.fileDone(2, 2);
        progress.passagesEmbedded(256, 300);
        progress.passagesEmbedded(300, 300);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("\rreading 2/2 files, "), lines[0]);
        assertTrue(lines[1].startsWith("\rembedding 256/300 passages, ") && lines[1].contains("\rembedding 300/300 passages, "), lines[1]);
    }

    @Test
    void staysQuietWhenOutputIsNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CorpusReader.Progress progress = ProgressPrinter.forTerminal(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.fileDone(1, 1);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "tests run without a terminal");
    }
}

package org.healthkb.importer;

import org.healthkb.TestCorpus;
import org.healthkb.content.FileStamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusReaderTest {
    private final CorpusReader reader = new CorpusReader();

    @TempDir
    Path temp;

    @Test
    void readsTheRealCorpusWithItsTwoMissingGuideLinks() throws CorpusException {
        Corpus corpus = reader.read(TestCorpus.REAL);
        assertEquals(1, corpus.guides().size());
        assertEquals(23, corpus.passageCount());
        assertEquals(7, corpus.providers().size());
        assertTrue(corpus.synonyms().contains("esketamine, Spravato"));
        assertEquals(9, corpus.hashes().size());
        assertEquals(List.of(
                "guides/treatment-resistant-depression.html, line 25: link to missing guide 'ketamine-for-depression'",
                "guides/treatment-resistant-depression.html, line 88: link to missing guide 'at-home-ketamine'"),
                corpus.warnings().stream().map(Problem::toString).toList());
    }

    /** A synthetic guide that links to a section of the real one. */
    private static final String LINKING = TestCorpus.syntheticGuide("Synthetic linking guide",
            "<h2 id=\"see\">Synthetic section</h2>\n<p>Synthetic test paragraph that points readers to "
            + "<a href=\"/guides/treatment-resistant-depression#why-ketamine-works-for-trd\">why ketamine works</a>.</p>");

    @Test
    void aGuideAsTheIndexRecordsItIsNotParsedAgainAndItsRecordedChecksStillCount() throws Exception {
        Path corpus = TestCorpus.copy(temp);
        TestCorpus.write(corpus, "guides/synthetic-linking.html", LINKING);
        Corpus first = reader.read(corpus);
        assertEquals(2, first.guides().size());

        TestCorpus.write(corpus, TestCorpus.GUIDE, TestCorpus.read(corpus, TestCorpus.GUIDE)
                .replace("id=\"why-ketamine-works-for-trd\"", "id=\"why-ketamine-helps\""));
        CorpusReader.Known known = new CorpusReader.Known(first.hashes(), FileStamps.NONE, first.checks());
        Corpus second = reader.read(corpus, CorpusReader.Progress.NONE, known);

        assertEquals(List.of(TestCorpus.GUIDE), second.guides().stream().map(g -> g.source()).toList(), "only the edited guide is parsed");
        assertEquals(1, second.keptGuides());
        assertEquals(2, second.guideCount());
        assertEquals(first.passageCount(), second.passageCount());
        assertTrue(second.warnings().stream().map(Problem::toString).anyMatch(w -> w.equals("guides/synthetic-linking.html,"
                + " line 6: link to missing anchor '#why-ketamine-works-for-trd' in guide 'treatment-resistant-depression'")),
                "the unparsed guide's link is checked against the edited one: " + second.warnings());
        assertEquals(first.checks().get("guides/synthetic-linking.html"), GuideChecks.fromJson(
                first.checks().get("guides/synthetic-linking.html").toJson()), "checks survive their trip through the index");
    }

    @Test
    void tableAndProviderRecordDriftIsReportedNamingBoth() throws CorpusException {
        Path corpus = TestCorpus.copy(temp);
        String joyous = TestCorpus.read(corpus, "providers/joyous.json");
        TestCorpus.write(corpus, "providers/joyous.json", joyous.replace("\"Low, capped\"", "\"Moderate\""));
        List<String> warnings = reader.read(corpus).warnings().stream().map(Problem::toString).toList();
        assertTrue(warnings.contains("guides/treatment-resistant-depression.html, line 61: the table says Dose Flexibility "
                + "'Low, capped' for Joyous but providers/joyous.json says 'Moderate'"), warnings.toString());
    }

    @Test
    void duplicateSlugsAreRefusedNamingBothFiles() {
        Path corpus = TestCorpus.copy(temp);
        TestCorpus.write(corpus, "guides/archive/treatment-resistant-depression.html",
                TestCorpus.syntheticGuide("Synthetic copy", "<p>Synthetic paragraph for a duplicate slug test only.</p>"));
        CorpusException e = assertThrows(CorpusException.class, () -> reader.read(corpus));
        assertEquals("guides/treatment-resistant-depression.html: duplicate slug 'treatment-resistant-depression', "
                + "also used by guides/archive/treatment-resistant-depression.html", e.getMessage());
    }

    @Test
    void duplicateProviderIdsAreRefusedNamingTheField() {
        Path corpus = TestCorpus.copy(temp);
        TestCorpus.write(corpus, "providers/peak-copy.json", TestCorpus.read(corpus, "providers/peak.json"));
        CorpusException e = assertThrows(CorpusException.class, () -> reader.read(corpus));
        assertEquals("providers/peak.json, field 'id': duplicate id 'peak', also used by providers/peak-copy.json", e.getMessage());
    }

    @Test
    void anUnreadableFileIsRefusedNamingIt() throws IOException {
        Path corpus = TestCorpus.copy(temp);
        Files.createSymbolicLink(corpus.resolve("providers/ghost.json"), temp.resolve("nowhere.json"));
        CorpusException e = assertThrows(CorpusException.class, () -> reader.read(corpus));
        assertTrue(e.getMessage().startsWith("providers/ghost.json: cannot read the file"), e.getMessage());
    }

    @Test
    void everyBrokenFileIsReportedInOneGo() {
        Path corpus = TestCorpus.copy(temp);
        TestCorpus.write(corpus, "providers/peak.json", "{ not json");
        TestCorpus.write(corpus, "guides/untitled.html", "<html><body><p>Synthetic: no title heading.</p></body></html>");
        TestCorpus.write(corpus, "guides/latin1.html", "");
        CorpusException e = assertThrows(CorpusException.class, () -> reader.read(corpus));
        List<String> files = e.problems().stream().map(Problem::file).toList();
        assertTrue(files.containsAll(List.of("providers/peak.json", "guides/untitled.html", "guides/latin1.html")), files.toString());
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        Path corpus = TestCorpus.copy(temp);
        Files.write(corpus.resolve("providers/peak.json"), new byte[] {'{', (byte) 0xff, '}'});
        CorpusException e = assertThrows(CorpusException.class, () -> reader.read(corpus));
        assertEquals("providers/peak.json: the file is not valid UTF-8 text", e.getMessage());
    }
}

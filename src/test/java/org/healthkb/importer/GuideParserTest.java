package org.healthkb.importer;

import org.healthkb.TestCorpus;
import org.healthkb.content.Guide;
import org.healthkb.content.Passage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuideParserTest {
    private static final String TITLE = "At-Home Ketamine Therapy for Treatment-Resistant Depression";
    private final GuideParser parser = new GuideParser();

    private ParsedGuide realGuide() throws CorpusException {
        return parser.parse(TestCorpus.GUIDE, TestCorpus.SLUG, TestCorpus.read(TestCorpus.REAL, TestCorpus.GUIDE));
    }

    private Passage passage(Guide guide, String anchor) {
        return guide.passages().stream().filter(p -> p.anchor().equals(anchor)).findFirst().orElseThrow();
    }

    @Test
    void splitsTheRealGuideIntoTwentyThreePassages() throws CorpusException {
        Guide guide = realGuide().guide();
        assertEquals(TITLE, guide.title());
        assertEquals(23, guide.passages().size());
        assertTrue(guide.description().startsWith("What treatment-resistant depression is"));
    }

    @Test
    void headingsBecomeHeadingPaths() throws CorpusException {
        Guide guide = realGuide().guide();
        Passage definition = guide.passages().getFirst();
        assertEquals(List.of(TITLE, "What Is Treatment-Resistant Depression?"), definition.headingPath());
        assertEquals("what-is-treatment-resistant-depression", definition.sectionAnchor());
        Set<String> sections = new HashSet<>();
        guide.passages().forEach(p -> sections.add(p.headingPath().getLast()));
        assertEquals(Set.of("What Is Treatment-Resistant Depression?", "Why Ketamine Works for TRD",
                "Why Dose Flexibility Is Critical for TRD", "Best Provider for TRD: Kalm Health",
                "How Other Providers Handle TRD", "What TRD Patients Should Ask Before Choosing a Provider",
                "Combining Ketamine with Other Treatments for TRD"), sections);
    }

    @Test
    void eachTableRowIsAPassageWithItsColumnNames() throws CorpusException {
        ParsedGuide parsed = realGuide();
        List<Passage> rows = parsed.guide().passages().stream()
                .filter(p -> p.sectionAnchor().equals("how-other-providers-handle-trd")).toList();
        assertEquals(7, rows.size());
        assertEquals("Provider: Joyous\nDose Flexibility: Low, capped\nTRD Suitability: Limited\n"
                + "Notes: Fixed low-dose protocol may be sub-therapeutic for TRD",
                passage(parsed.guide(), "how-other-providers-handle-trd-joyous").text());
        assertEquals(7, parsed.checks().comparisonRows().size());
        assertEquals("Low, capped", parsed.checks().comparisonRows().get(1).cells().get("Dose Flexibility"));
    }

    @Test
    void aListJoinsTheSentenceThatIntroducesIt() throws CorpusException {
        Passage list = passage(realGuide().guide(), "why-ketamine-works-for-trd-2");
        assertTrue(list.text().startsWith("Key advantages of ketamine for TRD patients:\nDifferent mechanism of action:"));
        assertTrue(list.text().endsWith("FDA approval of the related compound esketamine (Spravato)"));
    }

    @Test
    void aFragmentTooShortToStandAloneJoinsItsNeighbour() throws CorpusException {
        Passage card = passage(realGuide().guide(), "best-provider-for-trd-kalm-health-1");
        assertEquals("Kalm Health Best for TRD\n$124/month \u00b7 No dose cap \u00b7 Higher-dose plan available", card.text());
    }

    @Test
    void anchorsAreUniqueAndIdsStableAcrossImports() throws CorpusException {
        List<Passage> first = realGuide().guide().passages();
        List<Passage> second = realGuide().guide().passages();
        assertEquals(first.stream().map(Passage::id).toList(), second.stream().map(Passage::id).toList());
        assertEquals(first.size(), first.stream().map(Passage::anchor).distinct().count());
        assertEquals(TestCorpus.SLUG + "#why-ketamine-works-for-trd-1", first.get(2).id());
    }

    @Test
    void theRenderedBodyCarriesExactlyThePassageAnchors() throws CorpusException {
        Guide guide = realGuide().guide();
        Document body = Jsoup.parse(guide.html());
        for (Passage passage : guide.passages()) {
            assertNotNull(body.getElementById(passage.anchor()), passage.anchor());
            assertFalse(body.select("[data-passage=" + passage.anchor() + "]").isEmpty());
        }
        Set<String> marked = new HashSet<>(body.select("[data-passage]").eachAttr("data-passage"));
        assertEquals(guide.passages().size(), marked.size());
    }

    @Test
    void reportsLinksToGuidesThatDoNotExist() throws CorpusException {
        ParsedGuide parsed = realGuide();
        assertEquals(List.of("ketamine-for-depression", "at-home-ketamine"), parsed.guide().guideLinks());
    }

    @Test
    void plainTextHasEntitiesDecodedOnceAndNothingFromScriptStyleNavOrFooter() throws CorpusException {
        String html = TestCorpus.syntheticGuide("Synthetic guide", """
                <nav>Home | Guides</nav><style>p { color: red }</style>
                <h2 id="s">Section</h2>
                <p>Fish &amp;amp; chips   and   &lt;b&gt; stay literal in this synthetic paragraph of test text.</p>
                <script>alert('x')</script><footer>Copyright footer text</footer>""");
        Passage p = parser.parse("guides/synthetic.html", "synthetic", html).guide().passages().getFirst();
        assertEquals("Fish &amp; chips and <b> stay literal in this synthetic paragraph of test text.", p.text());
        Guide guide = parser.parse("guides/synthetic.html", "synthetic", html).guide();
        assertFalse(guide.html().contains("alert"));
        assertFalse(guide.html().contains("Copyright"));
        assertFalse(guide.html().contains("Home | Guides"));
    }

    @Test
    void warnsAboutEmptySectionsAndDuplicateIds() throws CorpusException {
        String html = TestCorpus.syntheticGuide("Synthetic guide", """
                <h2 id="a">Empty section</h2>
                <h2 id="b">Full section</h2>
                <p id="b">A synthetic paragraph that is long enough to stand alone as a passage.</p>""");
        List<Problem> warnings = parser.parse("guides/synthetic.html", "synthetic", html).checks().warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.message().equals("duplicate id 'b'")));
        assertTrue(warnings.stream().anyMatch(w -> w.message().startsWith("empty section 'Empty section'")));
    }

    @Test
    void aGuideWithoutH1IsRefusedNamingTheFile() {
        String html = "<html><head><title>t</title></head><body><h2>Only a subheading</h2><p>Text.</p></body></html>";
        CorpusException e = assertThrows(CorpusException.class, () -> parser.parse("guides/no-title.html", "no-title", html));
        assertEquals("guides/no-title.html", e.problems().getFirst().file());
        assertTrue(e.getMessage().contains("no <h1>"), e.getMessage());
    }

    @Test
    void aGuideWithTwoH1sIsRefusedNamingTheLine() {
        String html = "<html><body>\n<h1>One</h1>\n<p>Synthetic text.</p>\n<h1>Two</h1></body></html>";
        CorpusException e = assertThrows(CorpusException.class, () -> parser.parse("guides/two.html", "two", html));
        assertEquals("guides/two.html, line 4: the guide has 2 <h1> headings; it needs exactly one", e.getMessage());
    }
}

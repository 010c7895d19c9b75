package org.healthkb.search;

import org.healthkb.KnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every setting of {@link Ranking} changes results: each test compares the default with the setting
 * turned off or changed. The BM25 settings are shown on BM25 alone ({@link #LEXICAL}), so that what
 * moves is that setting and not the blend with the semantic signal, which has tests of its own.
 */
class RankingSettingsTest {
    static final Ranking LEXICAL = Ranking.DEFAULT.with("semanticWeight", "0");

    @TempDir
    static Path temp;
    static Path realIndex;

    @BeforeAll
    static void index() throws IOException {
        realIndex = temp.resolve("real-index");
        TestKnowledgeBase.indexed(TestCorpus.REAL, realIndex).close();
    }

    /** The anchors of the top BM25 hits for {@code question} on the real guide, ranked with one setting changed. */
    static List<String> top(String question, int n, String setting, String value) {
        return search(LEXICAL, setting, value, kb -> anchors(kb.search().rankedIds(question, n)));
    }

    /** The same with the default blend of BM25 and meaning. */
    static List<String> blended(String question, int n, String setting, String value) {
        return search(Ranking.DEFAULT, setting, value, kb -> anchors(kb.search().rankedIds(question, n)));
    }

    static <T> T search(Ranking base, String setting, String value, java.util.function.Function<KnowledgeBase, T> work) {
        Ranking ranking = setting == null ? base : base.with(setting, value);
        try (KnowledgeBase kb = TestKnowledgeBase.open(new Settings(TestCorpus.REAL, realIndex, ranking, null))) {
            return work.apply(kb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> anchors(List<String> ids) {
        return ids.stream().map(id -> id.substring(id.indexOf('#') + 1)).toList();
    }

    static String first(String question, String setting, String value) {
        List<String> top = top(question, 1, setting, value);
        return top.isEmpty() ? null : top.getFirst();
    }

    @Test
    void bm25LengthNormalisationB() {
        String question = "how fast does ketamine work for depression";
        assertEquals("why-ketamine-works-for-trd-2", first(question, null, null));
        assertEquals("why-ketamine-works-for-trd-1", first(question, "b", "0.9"), "the long list is penalised for its length");
    }

    @Test
    void bm25SaturationK1() {
        String question = "does exercise help ketamine work better";
        assertEquals("how-other-providers-handle-trd-isha-health", first(question, null, null));
        assertEquals("combining-ketamine-with-other-treatments-for-trd-1", first(question, "k1", "0.3"),
                "with early saturation, repeating a word counts for less");
    }

    @Test
    void headingMatchesCountExtra() {
        String question = "will I need a higher dose of ketamine";
        assertEquals("why-dose-flexibility-is-critical-for-trd-2", first(question, null, null));
        assertEquals("what-trd-patients-should-ask-before-choosing-a-provider-1", first(question, "headingsBoost", "0"));
    }

    @Test
    void wordsNearEachOtherRankHigher() {
        String question = "will I need a higher dose of ketamine";
        assertEquals("why-dose-flexibility-is-critical-for-trd-2", first(question, null, null));
        assertEquals("what-trd-patients-should-ask-before-choosing-a-provider-1", first(question, "proximityBoost", "0"));
        assertEquals("how-other-providers-handle-trd-peak", first("providers that limit dosing", null, null));
        assertEquals("how-other-providers-handle-trd-joyous", first("providers that limit dosing", "proximitySlop", "0"),
                "without slop, only adjacent words count as near");
    }

    @Test
    void questionWordsNeverOutweighContentWords() {
        String question = "who adjusts my dose at kalm";
        assertEquals("best-provider-for-trd-kalm-health-2", first(question, null, null));
        assertEquals("what-trd-patients-should-ask-before-choosing-a-provider-1", first(question, "dropQuestionWords", "false"));
    }

    @Test
    void fillerWordsDoNotCountAtAll() {
        // "because" is in one passage of the guide: searched, it lifted that passage into the top two.
        assertEquals(top("need ketamine depression treatment resistant", 5, null, null),
                top("do I need more ketamine because my depression is treatment resistant", 5, null, null));
    }

    @Test
    void anExactHeadingRanksItsSectionFirst() {
        String heading = "What TRD Patients Should Ask Before Choosing a Provider";
        assertEquals("what-trd-patients-should-ask-before-choosing-a-provider-1", first(heading, null, null));
    }

    @Test
    void anExactHeadingOutranksAPassageThatRepeatsTheWord() throws Exception {
        Path corpus = temp.resolve("headings");
        TestCorpus.write(corpus, "guides/synthetic-rest.html", TestCorpus.syntheticGuide("Synthetic guide: rest",
                "<h2 id=\"sleep\">Sleep</h2><p>Synthetic text: rest at night matters, and most adults need about seven"
                        + " hours of it, with a regular schedule, a dark and quiet room, little caffeine after noon, no screens"
                        + " late in the evening and a wind-down routine that starts well before bed.</p>"
                        + "<h2 id=\"naps\">Naps</h2><p>Synthetic: sleep, sleep, sleep, sleep and sleep again.</p>"));
        Path index = temp.resolve("headings-index");
        TestKnowledgeBase.indexed(corpus, index).close();
        assertEquals("synthetic-rest#sleep-1", firstIn(corpus, index, LEXICAL, "Sleep"));
        assertEquals("synthetic-rest#naps-1", firstIn(corpus, index, LEXICAL.with("exactHeadingBoost", "0"), "Sleep"));
    }

    @Test
    void typosAreToleratedByWordLength() {
        assertEquals("why-ketamine-works-for-trd-1", first("glutamte", null, null));
        assertNull(first("glutamte", "typoBoost", "0"));
        assertNull(first("glutamte", "typoMaxExpansions", "0"));
        assertNull(first("glutamte", "oneTypoMinLength", "9"), "an 8-letter word gets no edit when the minimum is 9");
        assertTrue(top("nueroplastcity", 3, null, null).contains("why-ketamine-works-for-trd-2"), "two edits in a long word");
        assertNull(first("nueroplastcity", "twoTyposMinLength", "100"));
        assertEquals("why-ketamine-works-for-trd-1", first("NDMA", null, null), "a four-letter word gets one edit");
        assertNull(first("CTB", null, null), "words under four letters must match exactly");
        assertEquals("best-provider-for-trd-kalm-health-4", first("is the consultation free", null, null));
        assertEquals("what-trd-patients-should-ask-before-choosing-a-provider-1", first("is the consultation free", "typoBoost", "0"));
    }

    @Test
    void oneSectionDoesNotFillTheFirstPage() {
        String question = "provider dose flexibility suitability notes";
        assertEquals(7, rows(top(question, 10, "diversityWindow", "0")), "without diversity the table fills the page");
        assertEquals(3, rows(top(question, 10, null, null)), "three rows (maxPerSection) while other sections answer");
        assertEquals(1, rows(top(question, 5, "maxPerSection", "1")), "one row, then one passage of each other section");
        assertEquals(7, rows(top(question, 30, null, null)), "deferred hits come later, none is lost");
        assertEquals(top(question, 10, null, null).subList(0, 5), top(question, 5, null, null), "pages agree however deep the request");
    }

    @Test
    void aTitleMatchFavoursTheGuideAboutIt() throws Exception {
        Path corpus = temp.resolve("titles");
        TestCorpus.write(corpus, "guides/synthetic-sleep.html", TestCorpus.syntheticGuide("Synthetic guide: sleep",
                "<h2 id=\"s\">Evening</h2><p>Synthetic text: caffeine late in the day, even one caffeine drink, keeps some"
                        + " readers awake.</p>"));
        TestCorpus.write(corpus, "guides/synthetic-caffeine.html", TestCorpus.syntheticGuide("Synthetic guide: caffeine",
                "<h2 id=\"c\">Limits</h2><p>Synthetic text: most adults can have some caffeine, and the amount that is"
                        + " comfortable differs between people and across a single day.</p>"));
        Path index = temp.resolve("titles-index");
        TestKnowledgeBase.indexed(corpus, index).close();
        assertEquals("synthetic-caffeine#c-1", firstIn(corpus, index, LEXICAL, "caffeine"));
        assertEquals("synthetic-sleep#s-1", firstIn(corpus, index, LEXICAL.with("titleBoost", "0"), "caffeine"));
    }

    @Test
    void anExactWordAlwaysOutranksATypoAndSynonymsAreNeverTypoExpanded() throws Exception {
        Path corpus = temp.resolve("typos");
        TestCorpus.write(corpus, "guides/synthetic-fish.html", TestCorpus.syntheticGuide("Synthetic guide: fish",
                "<h2 id=\"a\">Alpha</h2><p>Synthetic text about zebrafish, written once here for a ranking test.</p>"
                        + "<h2 id=\"b\">Beta</h2><p>Synthetic zebrafash zebrafash zebrafash care, a misspelt word for the test.</p>"
                        + "<h2 id=\"c\">Gamma</h2><p>Synthetic text about glutamate signalling, for a synonym test only.</p>"));
        TestCorpus.write(corpus, "synonyms.txt", "zorblax, glutamatex\n");
        Path index = temp.resolve("typos-index");
        TestKnowledgeBase.indexed(corpus, index).close();
        try (KnowledgeBase kb = TestKnowledgeBase.open(new Settings(corpus, index, LEXICAL, null))) {
            assertEquals(List.of("synthetic-fish#a-1"), kb.search().rankedIds("zebrafish", 10),
                    "a word the index has is never typo-expanded");
            assertEquals(2, kb.search().rankedIds("zebrafosh", 10).size(), "an unknown word matches both near spellings");
            assertEquals(List.of(), kb.search().rankedIds("zorblax", 10),
                    "the synonym 'glutamatex' is not typo-expanded to 'glutamate'");
        }
    }

    @Test
    void didYouMeanOffersTheCorrectionAndUsesItWhenNothingMatches() {
        try (KnowledgeBase kb = TestKnowledgeBase.open(new Settings(TestCorpus.REAL, realIndex, Ranking.DEFAULT, null))) {
            SearchResults typo = kb.search().search("ketamne dose cap", 5, 0);
            assertEquals("ketamine dose cap", typo.didYouMean());
            assertFalse(typo.corrected(), "typo tolerance already found results");
            assertTrue(typo.total() > 0);
            assertNull(kb.search().search("ketamine dose cap", 5, 0).didYouMean());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Words alone, without typo tolerance: meaning reads the corrected question already (see below).
        try (KnowledgeBase strict = TestKnowledgeBase.open(new Settings(TestCorpus.REAL, realIndex, LEXICAL.with("typoBoost", "0"), null))) {
            SearchResults corrected = strict.search().search("glutamte", 5, 0);
            assertTrue(corrected.corrected());
            assertEquals("glutamate", corrected.didYouMean());
            assertEquals("treatment-resistant-depression#why-ketamine-works-for-trd-1", corrected.hits().getFirst().id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void didYouMeanLeavesRealWordsAloneAndAllowsEditsByLength() {
        try (KnowledgeBase kb = TestKnowledgeBase.open(new Settings(TestCorpus.REAL, realIndex, Ranking.DEFAULT, null))) {
            assertNull(kb.search().search("how quickly do patients feel better", 5, 0).didYouMean(),
                    "no guide says 'quickly' or 'feel', but English does: they are not typos of 'fees'");
            assertEquals("ketamine", kb.search().search("ketmine", 5, 0).didYouMean(), "seven letters, one edit");
            assertNull(kb.search().search("ketmne", 5, 0).didYouMean(), "six letters get one edit, 'ketamine' is two away");
            assertNull(kb.search().search("NDMA receptor", 5, 0).didYouMean(), "codes and acronyms are names, not misspellings");
            assertEquals("nmda", kb.search().search("ndma", 5, 0).didYouMean());
            assertEquals("ketamine DOSE", kb.search().search("KETMINE DOSE", 5, 0).didYouMean(),
                    "capitals mean nothing in a question of several words typed all in capitals");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void meaningReadsTheQuestionWithItsMisspellingsCorrected() {
        // The embedding model knows words only as spelt: read as typed, the blend ranked this answer second.
        assertEquals("how-other-providers-handle-trd-better-u",
                blended("beter u suitable for treatment resistant depression", 1, null, null).getFirst());
    }

    @Test
    void synonymsMatchBothWaysAndMultiWordOnesAsPhrases() {
        assertEquals("why-ketamine-works-for-trd-2", first("spravato", null, null));
        assertEquals("why-ketamine-works-for-trd-2", first("selective serotonin reuptake inhibitor failed", null, null));
        assertTrue(top("talk therapy", 3, null, null).contains("combining-ketamine-with-other-treatments-for-trd-1"));
    }

    @Test
    void meaningFindsAnswersInOtherWords() {
        // The answer says "combined with other interventions"; BM25 prefers a table row that repeats "medication".
        String question = "what helps besides medication";
        assertEquals("combining-ketamine-with-other-treatments-for-trd-1", blended(question, 1, null, null).getFirst());
        assertEquals("how-other-providers-handle-trd-isha-health", blended(question, 1, "semanticWeight", "0").getFirst());
    }

    @Test
    void aQuestionForAProviderIsAnsweredByAPassageNamingOne() {
        // Read as a question about treatment that failed, it finds the definition of TRD; the reader asks for a provider.
        String question = "best service for someone whose antidepressants failed";
        assertEquals("best-provider-for-trd-kalm-health-1", blended(question, 1, null, null).getFirst());
        assertEquals("what-is-treatment-resistant-depression-1", blended(question, 1, "providerAnswerBoost", "0").getFirst());
        String notAsking = "someone whose antidepressants failed";
        assertEquals(blended(notAsking, 5, "providerAnswerBoost", "0"), blended(notAsking, 5, null, null));
    }

    @Test
    void passagesFoundByMeaningAloneMustBeCloseEnough() {
        String question = "feeling hopeless after trying many drugs";
        List<String> byWords = top(question, 10, null, null);
        List<String> both = blended(question, 10, null, null);
        assertTrue(both.containsAll(byWords) && both.size() > byWords.size(), "meaning adds passages: " + both);
        assertTrue(both.contains("what-is-treatment-resistant-depression-1"), "the passage about failed treatments");
        assertEquals(byWords.size(), blended(question, 10, "semanticMinSimilarity", "0.95").size(), "none that close");
        assertEquals(List.of(), blended("xyzzy plugh", 10, null, null), "nothing is about this");
        assertEquals(10, blended("xyzzy plugh", 10, "semanticMinSimilarity", "-1").size(), "every passage, without the bar");
    }

    @Test
    void semanticCandidatesBoundHowManyJoinByMeaning() {
        String question = "feeling hopeless after trying many drugs";
        int byWords = top(question, 10, null, null).size();
        assertEquals(byWords + 1, blended(question, 10, "semanticCandidates", "1").size() , "only the nearest one joins");
        assertEquals(top(question, 10, null, null), blended(question, 10, "semanticCandidates", "0"), "0 turns meaning off");
    }

    @Test
    void theTotalCountsAPassageFoundBothWaysOnce() {
        // With two candidates and one hit asked for, the words' other matches lie beyond the candidates,
        // so passages found by meaning must be checked against them rather than added.
        for (String question : List.of("ketamine", "dose", "feeling hopeless after trying many drugs")) {
            long shallow = search(Ranking.DEFAULT.with("diversityWindow", "0"), "semanticCandidates", "2",
                    kb -> kb.search().search(question, 1, 0).total());
            long deep = search(Ranking.DEFAULT.with("diversityWindow", "0"), "semanticCandidates", "2",
                    kb -> kb.search().search(question, 50, 0).total());
            assertEquals(deep, shallow, question);
        }
    }

    @Test
    void theBlendIsTheSameHoweverDeepTheRequest() {
        for (String question : List.of("what helps besides medication", "ketamine", "dose")) {
            List<String> deep = blended(question, 30, "diversityWindow", "0");
            assertEquals(deep.subList(0, 3), blended(question, 3, "diversityWindow", "0"), question);
        }
    }

    @Test
    void aRankingNamesTheSettingsInWhichItDiffers() {
        Ranking changed = Ranking.DEFAULT.with(Map.of("k1", "0.9", "semanticWeight", "0"));
        assertEquals("k1=0.9,semanticWeight=0.0", changed.differencesFrom(Ranking.DEFAULT));
        assertEquals(changed, Ranking.DEFAULT.with(Map.of("k1", "0.9", "semanticWeight", "0.0")), "the names and values read back");
        assertEquals("", Ranking.DEFAULT.differencesFrom(Ranking.DEFAULT));
    }

    @Test
    void unknownSettingsAreRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Ranking.DEFAULT.with("k2", "1"));
        assertTrue(e.getMessage().startsWith("unknown ranking setting 'k2'"));
    }

    private static long rows(List<String> anchors) {
        return anchors.stream().filter(a -> a.startsWith("how-other-providers-handle-trd-")).count();
    }

    private static String firstIn(Path corpus, Path index, Ranking ranking, String question) throws IOException {
        try (KnowledgeBase kb = TestKnowledgeBase.open(new Settings(corpus, index, ranking, null))) {
            return kb.search().rankedIds(question, 1).getFirst();
        }
    }
}

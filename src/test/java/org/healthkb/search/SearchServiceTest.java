package org.healthkb.search;

import org.healthkb.TestCorpus;
import org.healthkb.RealKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchServiceTest {
    @RegisterExtension
    static final RealKnowledgeBase REAL = new RealKnowledgeBase();

    private static SearchResults search(String question) {
        return REAL.kb().search().search(question, 10, 0);
    }

    /**
     * Reader questions, the passages that answer them (any of the listed anchors), and the rank the
     * answer must reach: first for most; within the top three or five for three questions whose wording the
     * lexical ranking does not yet connect to the answer (they are misses in ./kb eval too).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            what is treatment-resistant depression          | 1 | what-is-treatment-resistant-depression-1
            can I take ketamine with my antidepressants     | 1 | combining-ketamine-with-other-treatments-for-trd-1
            how quickly will I notice improvement           | 1 | why-ketamine-works-for-trd-2
            is there a consultation fee                     | 1 | best-provider-for-trd-kalm-health-4 best-provider-for-trd-kalm-health-5
            price of the higher-dose plan                   | 1 | best-provider-for-trd-kalm-health-3 best-provider-for-trd-kalm-health-5
            is joyous capped                                | 1 | how-other-providers-handle-trd-joyous
            what should I ask before choosing a provider    | 1 | what-trd-patients-should-ask-before-choosing-a-provider-1
            does exercise help ketamine work better         | 1 | combining-ketamine-with-other-treatments-for-trd-1
            how many people with depression have TRD        | 1 | what-is-treatment-resistant-depression-1
            mindbloom per-session cost                      | 1 | how-other-providers-handle-trd-mindbloom
            how much does Kalm Health cost per month        | 3 | best-provider-for-trd-kalm-health-1 best-provider-for-trd-kalm-health-5
            how does ketamine work in the brain             | 5 | why-ketamine-works-for-trd-1
            why does dose flexibility matter                | 3 | why-dose-flexibility-is-critical-for-trd-1 why-dose-flexibility-is-critical-for-trd-2
            """)
    void answersReaderQuestionsWithThePassageThatAnswersThem(String question, int rank, String anchors) {
        Set<String> expected = Set.of(anchors.trim().split(" +"));
        List<String> top = search(question).hits().stream().limit(rank)
                .map(h -> h.url().substring(h.url().indexOf('#') + 1)).toList();
        assertTrue(top.stream().anyMatch(expected::contains), question + " -> " + top);
    }

    @Test
    void hitsCarryHeadingPathDeepLinkAndPlainText() {
        Hit hit = search("glutamate NMDA receptor").hits().getFirst();
        assertEquals(TestCorpus.SLUG + "#why-ketamine-works-for-trd-1", hit.id());
        assertEquals("/guides/" + TestCorpus.SLUG + "#why-ketamine-works-for-trd-1", hit.url());
        assertEquals(List.of("At-Home Ketamine Therapy for Treatment-Resistant Depression", "Why Ketamine Works for TRD"),
                hit.headingPath());
        assertTrue(hit.text().startsWith("Unlike traditional antidepressants"));
        assertTrue(hit.snippet().contains("<mark>glutamate</mark>"), hit.snippet());
        assertTrue(hit.score() > 0);
    }

    @Test
    void luceneSyntaxTypedByReadersIsJustWords() {
        SearchResults results = search("title:kalm AND dose* OR ketamine~2 ^5 /regex/ (cap)");
        assertFalse(results.hits().isEmpty());
        assertTrue(search("*").hits().isEmpty());
        assertEquals(0, search("AND OR NOT").total(), "operators typed alone are words, and words with nothing to find");
        String bestForBoth = ids(search("ketamine dose")).getFirst();
        assertTrue(ids(search("ketamine NOT dose")).contains(bestForBoth), "NOT excludes nothing: the passage about doses stays");
    }

    private static List<String> ids(SearchResults results) {
        return results.hits().stream().map(Hit::id).toList();
    }

    @Test
    void aQuotedPhraseMustMatchAsAPhrase() {
        SearchResults phrase = search("\"higher-dose plan\" price");
        assertTrue(phrase.total() > 0);
        phrase.hits().forEach(h -> assertTrue(h.text().toLowerCase().contains("higher-dose plan"), h.text()));
        assertEquals(0, search("\"plan higher dose\"").total());
    }

    @Test
    void pagingReturnsTheNextHitsWithoutOverlap() {
        List<String> first = REAL.kb().search().search("ketamine", 3, 0).hits().stream().map(Hit::id).toList();
        List<String> second = REAL.kb().search().search("ketamine", 3, 3).hits().stream().map(Hit::id).toList();
        List<String> both = REAL.kb().search().search("ketamine", 6, 0).hits().stream().map(Hit::id).toList();
        assertEquals(both, java.util.stream.Stream.concat(first.stream(), second.stream()).toList());
    }

    @Test
    void aQuestionWithNothingToSearchFindsNothing() {
        SearchResults results = search("?!");
        assertEquals(0, results.total());
        assertNull(results.didYouMean());
    }

    @Test
    void wordsNoPassageHasAreNamedAsTheReaderTypedThem() {
        SearchResults insurance = search("does Insurance cover ketamine");
        assertTrue(insurance.total() > 0, "ketamine still answers");
        assertEquals(List.of("Insurance", "cover"), insurance.missing());

        assertEquals(List.of(), search("ketmine dose cap").missing(), "a typo within its budget matches");
        assertEquals(List.of(), search("TRD").missing(), "a synonym matches");
        assertEquals(List.of(), search("selective serotonin reuptake inhibitor").missing(),
                "a multi-word synonym of an indexed word covers every word it spans");
        assertEquals(List.of(), search("what is it").missing(), "question words never count");
        assertEquals(List.of(), search("kalm vs mindbloom").missing(), "nor does the vs between things compared");
        assertEquals(List.of(), search("why doesnt ketamine work").missing(), "nor a contraction typed without its apostrophe");
        assertEquals(List.of("insurance"), search("\"dose cap\" insurance").missing());
        assertEquals(List.of(), search("?!").missing());
    }
}

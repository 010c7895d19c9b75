package org.healthkb.search;

import org.healthkb.KnowledgeBase;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchServiceTest {
    @TempDir
    static Path temp;
    static KnowledgeBase kb;

    @BeforeAll
    static void index() {
        kb = TestKnowledgeBase.indexed(TestCorpus.REAL, temp.resolve("index"));
    }

    @AfterAll
    static void close() throws IOException {
        kb.close();
    }

    private static SearchResults search(String question) {
        return kb.search().search(question, 10, 0);
    }

    /** Reader questions and the passages that answer them (any of the listed anchors). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            how much does Kalm Health cost per month        | best-provider-for-trd-kalm-health-1 best-provider-for-trd-kalm-health-5
            what is treatment-resistant depression          | what-is-treatment-resistant-depression-1
            how does ketamine work in the brain             | why-ketamine-works-for-trd-1
            can I take ketamine with my antidepressants     | combining-ketamine-with-other-treatments-for-trd-1
            how quickly will I notice improvement           | why-ketamine-works-for-trd-2
            is there a consultation fee                     | best-provider-for-trd-kalm-health-4 best-provider-for-trd-kalm-health-5
            price of the higher-dose plan                   | best-provider-for-trd-kalm-health-3 best-provider-for-trd-kalm-health-5
            is joyous capped                                | how-other-providers-handle-trd-joyous
            what should I ask before choosing a provider    | what-trd-patients-should-ask-before-choosing-a-provider-1
            why does dose flexibility matter                | why-dose-flexibility-is-critical-for-trd-1 why-dose-flexibility-is-critical-for-trd-2
            does exercise help ketamine work better         | combining-ketamine-with-other-treatments-for-trd-1
            how many people with depression have TRD        | what-is-treatment-resistant-depression-1
            mindbloom per-session cost                      | how-other-providers-handle-trd-mindbloom
            """)
    void answersReaderQuestionsWithThePassageThatAnswersFirst(String question, String anchors) {
        Set<String> expected = Set.of(anchors.trim().split(" +"));
        Hit first = search(question).hits().getFirst();
        String anchor = first.url().substring(first.url().indexOf('#') + 1);
        assertTrue(expected.contains(anchor), question + " -> " + first.id());
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
        assertTrue(search("AND OR NOT").hits().isEmpty() || search("AND OR NOT").total() >= 0);
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
        List<String> first = kb.search().search("ketamine", 3, 0).hits().stream().map(Hit::id).toList();
        List<String> second = kb.search().search("ketamine", 3, 3).hits().stream().map(Hit::id).toList();
        List<String> both = kb.search().search("ketamine", 6, 0).hits().stream().map(Hit::id).toList();
        assertEquals(both, java.util.stream.Stream.concat(first.stream(), second.stream()).toList());
    }

    @Test
    void aQuestionWithNothingToSearchFindsNothing() {
        SearchResults results = search("?!");
        assertEquals(0, results.total());
        assertNull(results.didYouMean());
    }
}

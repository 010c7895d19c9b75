package org.healthkb.search;

import org.healthkb.KnowledgeBase;
import org.healthkb.RealKnowledgeBase;
import org.healthkb.Settings;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The work one question may cause is bounded: terms, typo tolerance, spelling correction, time. */
class QuestionBudgetTest {
    @RegisterExtension
    static final RealKnowledgeBase REAL = new RealKnowledgeBase();

    @TempDir
    Path temp;

    private static String words(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "zword" + i).collect(Collectors.joining(" "));
    }

    @Test
    void aQuestionIsCutToItsFirstThirtyTwoTermsQuestionWordsNotCounted() {
        QuestionBudget.Cut cut = QuestionBudget.cut(UserQuery.parse("what is the " + words(0, 40)));
        assertTrue(cut.truncated());
        assertEquals("what is the " + words(0, 32), cut.query().words());

        QuestionBudget.Cut phrases = QuestionBudget.cut(UserQuery.parse(words(0, 30) + " \"zp1 zp2 zp3\" \"zq1\""));
        assertEquals(words(0, 30), phrases.query().words());
        assertEquals(List.of("zp1 zp2"), phrases.query().phrases(), "the phrase is cut where the budget ends, the next dropped");

        QuestionBudget.Cut within = QuestionBudget.cut(UserQuery.parse("how do I take ketamine with " + words(0, 30)));
        assertFalse(within.truncated(), "32 terms exactly: searched whole");
    }

    @Test
    void aTermIsSearchedAtMostTwiceHoweverOftenItIsRepeated() {
        QuestionBudget.Cut repeated = QuestionBudget.cut(UserQuery.parse("ketmine ".repeat(60) + "dose"));
        assertTrue(repeated.truncated());
        assertEquals("ketmine ketmine dose", repeated.query().words());
        QuestionBudget.Cut twice = QuestionBudget.cut(UserQuery.parse("side effects and long-term side effects"));
        assertFalse(twice.truncated(), "a word repeated once for weight is searched as typed");
        assertEquals("side effects and long-term side effects", twice.query().words());
    }

    @Test
    void aCutQuestionSaysWhatWasSearchedAndIgnoresTheRest() {
        // "glutamate" comes after 40 unknown words: beyond the budget, so it finds nothing.
        SearchResults cut = REAL.kb().search().search(words(0, 40) + " glutamate", 10, 0, SearchMode.KEYWORD);
        assertTrue(cut.truncated());
        assertEquals(words(0, 32), cut.searched());
        assertEquals(0, cut.total());
        SearchResults whole = REAL.kb().search().search(words(0, 20) + " glutamate", 10, 0, SearchMode.KEYWORD);
        assertFalse(whole.truncated());
        assertNull(whole.searched());
        assertTrue(whole.total() > 0);
    }

    @Test
    void onlyTheFirstEightUnknownWordsAreCorrected() {
        String misspelt = "ketmine depresion treatmnt resistnt providrs theraphy antidepresants flexibilty medicaton consultaton";
        SearchResults results = REAL.kb().search().search(misspelt, 10, 0, SearchMode.KEYWORD);
        List<String> corrected = List.of(results.didYouMean().split(" "));
        List<String> typed = List.of(misspelt.split(" "));
        assertEquals(typed.size(), corrected.size());
        for (int i = 0; i < 8; i++) {
            assertFalse(corrected.get(i).equals(typed.get(i)), "corrected: " + typed.get(i) + " in " + corrected);
        }
        assertEquals(typed.subList(8, 10), corrected.subList(8, 10), "beyond the budget, left as typed");
    }

    @Test
    void aSearchPastItsTimeBudgetAnswersWithWhatItHasFlaggedPartial() {
        Settings noTime = Settings.of(TestCorpus.REAL, temp.resolve("index")).withSearchTimeBudget(Duration.ZERO);
        try (KnowledgeBase kb = TestKnowledgeBase.indexed(noTime)) {
            SearchResults partial = kb.search().search("ketamine dose", 10, 0);
            assertTrue(partial.partial());
            assertEquals(SearchMode.HYBRID, partial.mode());
            assertTrue(partial.hits().size() <= 10);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SearchResults inTime = REAL.kb().search().search("ketamine dose", 10, 0);
        assertFalse(inTime.partial());
        assertFalse(inTime.hits().isEmpty());
    }
}

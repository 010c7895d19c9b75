package org.healthkb.eval;

import org.healthkb.KnowledgeBase;
import org.healthkb.TestCorpus;
import org.healthkb.TestKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards ranking quality on the held-out reader questions: a ranking change that makes them worse
 * fails the build. The floor is what the ranking measured when it was chosen, below the issue's
 * goals of 0.70, 0.90 and 0.80; raise it as ranking improves, never lower it to let a change through.
 * It was lowered once, knowingly, for the semantic signal, chosen on the tuning questions and the
 * benchmarks' dev splits: success@3 fell from 0.826 to 0.739 (two questions) while success@1 rose
 * from 0.522 to 0.652, MRR@10 from 0.683 to 0.730, nDCG@10 from 0.756 to 0.777, and both benchmarks
 * gained about 0.02 to 0.06 nDCG@10 (BENCHMARKS.md). Raised when the guide title joined the main
 * BM25 field: 0.739 / 0.826 / 0.808 / 0.834; and when BM25 and meaning were blended by standard
 * scores: 0.826 / 0.826 / 0.854 / 0.855. The questions then grew from 70 to 94 (every third of the
 * new ones held out, all written and judged before any was run), and the floor is what the 31
 * held-out questions measured then: 0.871 / 0.871 / 0.892 / 0.876. They still must. The questions
 * grew again to 124 in the same way, with more of the general questions about choosing a provider
 * that the ranking finds hardest; all 41 held out measured 0.805 / 0.854 / 0.852 / 0.859 when
 * question filler was dropped by the Snowball stop list, and 0.829 / 0.854 / 0.864 / 0.868 once the
 * embedding model read misspelt questions corrected: that is their floor. The questions grew once more,
 * to 154, with comparisons and general provider questions again; all 51 held out measured 0.745 / 0.824
 * / 0.799 / 0.809 with the ranking unchanged. When a question asking which provider to choose began
 * to prefer passages naming one, the three sets measured 0.903 / 0.903 / 0.916 / 0.898 (31),
 * 0.854 / 0.878 / 0.883 / 0.885 (41) and 0.765 / 0.843 / 0.814 / 0.823 (51): those are the floors now.
 * (Cross-reference paragraphs kept out of the meaning signal would have cost the first 31 a question
 * at rank 1; the guard turned it away.)
 */
class HeldOutFloorTest {
    /** How many questions there were when each earlier floor below was set; they keep it. */
    private static final int FIRST_SET = 94;
    private static final int SECOND_SET = 124;

    @TempDir
    Path temp;

    @Test
    void heldOutQuestionsDoNotGetWorse() throws Exception {
        List<JudgedQuestions.Question> questions = JudgedQuestions.load(TestCorpus.REAL.resolve("eval/questions.json"));
        assertTrue(questions.size() >= 60);
        assertEquals(questions.size() / 3, questions.stream().filter(JudgedQuestions.Question::heldOut).count(), "a third held out");
        try (KnowledgeBase kb = TestKnowledgeBase.indexed(TestCorpus.REAL, temp.resolve("index"))) {
            assertAtLeast(GuideEvaluation.run(kb.search(), questions.subList(0, FIRST_SET)).heldOut(), 0.90, 0.90, 0.91, 0.89);
            assertAtLeast(GuideEvaluation.run(kb.search(), questions.subList(0, SECOND_SET)).heldOut(), 0.85, 0.87, 0.88, 0.88);
            assertAtLeast(GuideEvaluation.run(kb.search(), questions).heldOut(), 0.76, 0.84, 0.81, 0.82);
        }
    }

    private static void assertAtLeast(GuideEvaluation.Scores heldOut, double success1, double success3, double mrr10, double ndcg10) {
        String of = heldOut.questions() + " held-out questions: ";
        assertTrue(heldOut.success1().mean() >= success1, of + "success@1 " + heldOut.success1().mean());
        assertTrue(heldOut.success3().mean() >= success3, of + "success@3 " + heldOut.success3().mean());
        assertTrue(heldOut.mrr10().mean() >= mrr10, of + "MRR@10 " + heldOut.mrr10().mean());
        assertTrue(heldOut.ndcg10().mean() >= ndcg10, of + "nDCG@10 " + heldOut.ndcg10().mean());
    }
}

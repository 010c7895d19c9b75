package org.healthkb.eval;

import org.healthkb.eval.GuideEvaluation.Answer;
import org.healthkb.eval.GuideEvaluation.Report;
import org.healthkb.eval.JudgedQuestions.Question;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison of two rankings, on made-up figures (the real guide's runs are in MainTest and HeldOutFloorTest). */
class GuideEvaluationTest {
    private static final Question TUNED = new Question("q1", "dose cap", false, Map.of("a", 2));
    private static final Question TUNED_TOO = new Question("q2", "price", false, Map.of("b", 2));
    private static final Question HELD_OUT = new Question("q3", "which provider", true, Map.of("c", 2));

    @Test
    void theGainIsTheMeanDifferenceQuestionByQuestionInEachGroup() {
        Report better = report(new Answer(TUNED, 1, 1, 1, 1), new Answer(TUNED_TOO, 1, 1, 1, 0.8), new Answer(HELD_OUT, 0, 1, 0.5, 0.6));
        Report worse = report(new Answer(TUNED, 0, 1, 0.5, 0.7), new Answer(TUNED_TOO, 1, 1, 1, 0.8), new Answer(HELD_OUT, 0, 0, 0, 0.2));

        GuideEvaluation.Comparison gain = GuideEvaluation.compare(better, worse);

        assertEquals(2, gain.tuning().questions());
        assertEquals(0.5, gain.tuning().success1().mean(), 1e-9);
        assertEquals(0.25, gain.tuning().mrr10().mean(), 1e-9);
        assertEquals(new GuideEvaluation.Figure(0, 0, 0), gain.tuning().success3(), "no question moved");
        assertEquals(1, gain.heldOut().success3().mean(), 1e-9);
        assertEquals(0.4, gain.heldOut().ndcg10().mean(), 1e-9);
        GuideEvaluation.Figure success1 = gain.tuning().success1();
        assertTrue(success1.low() == 0 && success1.high() == 1, "one question of two gained: " + success1);
    }

    @Test
    void rankingsRunOnDifferentQuestionsCannotBeCompared() {
        Report two = report(new Answer(TUNED, 1, 1, 1, 1), new Answer(HELD_OUT, 1, 1, 1, 1));
        Report other = report(new Answer(TUNED_TOO, 1, 1, 1, 1), new Answer(HELD_OUT, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GuideEvaluation.compare(two, other));
    }

    private static Report report(Answer... answers) {
        return new Report(null, null, List.of(), List.of(answers));
    }
}

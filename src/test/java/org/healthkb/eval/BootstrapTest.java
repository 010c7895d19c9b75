package org.healthkb.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapTest {

    @Test
    void questionsThatAllScoreTheSameLeaveNoRoomToMove() {
        List<double[]> rows = List.of(new double[]{1, 0.5}, new double[]{1, 0.5}, new double[]{1, 0.5});
        GuideEvaluation.Figure[] figures = Bootstrap.figures(rows, 2);
        assertEquals(new GuideEvaluation.Figure(1, 1, 1), figures[0]);
        assertEquals(new GuideEvaluation.Figure(0.5, 0.5, 0.5), figures[1]);
    }

    @Test
    void halfAnsweredOfAHundredSpansAboutTenPointsEitherSide() {
        // Normal approximation: 0.5 ± 1.96 · sqrt(0.25 / 100) = 0.402 .. 0.598.
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new double[]{i % 2});
        }
        GuideEvaluation.Figure interval = Bootstrap.figures(rows, 1)[0];
        assertTrue(interval.low() > 0.38 && interval.low() < 0.42, "low " + interval.low());
        assertTrue(interval.high() > 0.58 && interval.high() < 0.62, "high " + interval.high());
    }

    @Test
    void fewerQuestionsGiveAWiderInterval() {
        List<double[]> few = new ArrayList<>();
        List<double[]> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            (i < 20 ? few : many).add(new double[]{i % 4 == 0 ? 0 : 1});
        }
        GuideEvaluation.Figure narrow = Bootstrap.figures(many, 1)[0];
        GuideEvaluation.Figure wide = Bootstrap.figures(few, 1)[0];
        assertTrue(wide.high() - wide.low() > 2 * (narrow.high() - narrow.low()), wide + " against " + narrow);
    }

    @Test
    void theSameScoresAlwaysGiveTheSameInterval() {
        List<double[]> rows = List.of(new double[]{1, 1}, new double[]{0, 0.5}, new double[]{1, 0.33}, new double[]{0, 0});
        assertArrayEquals(Bootstrap.figures(rows, 2), Bootstrap.figures(rows, 2));
    }

    @Test
    void noQuestionsGiveAnEmptyInterval() {
        assertEquals(new GuideEvaluation.Figure(0, 0, 0), Bootstrap.figures(List.of(), 3)[2]);
    }
}

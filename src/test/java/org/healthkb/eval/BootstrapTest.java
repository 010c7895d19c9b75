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
        Bootstrap.Interval[] intervals = Bootstrap.intervals(rows, 2);
        assertEquals(new Bootstrap.Interval(1, 1), intervals[0]);
        assertEquals(new Bootstrap.Interval(0.5, 0.5), intervals[1]);
    }

    @Test
    void halfAnsweredOfAHundredSpansAboutTenPointsEitherSide() {
        // Normal approximation: 0.5 ± 1.96 · sqrt(0.25 / 100) = 0.402 .. 0.598.
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new double[]{i % 2});
        }
        Bootstrap.Interval interval = Bootstrap.intervals(rows, 1)[0];
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
        Bootstrap.Interval narrow = Bootstrap.intervals(many, 1)[0];
        Bootstrap.Interval wide = Bootstrap.intervals(few, 1)[0];
        assertTrue(wide.high() - wide.low() > 2 * (narrow.high() - narrow.low()), wide + " against " + narrow);
    }

    @Test
    void theSameScoresAlwaysGiveTheSameInterval() {
        List<double[]> rows = List.of(new double[]{1, 1}, new double[]{0, 0.5}, new double[]{1, 0.33}, new double[]{0, 0});
        assertArrayEquals(Bootstrap.intervals(rows, 2), Bootstrap.intervals(rows, 2));
    }

    @Test
    void noQuestionsGiveAnEmptyInterval() {
        assertEquals(new Bootstrap.Interval(0, 0), Bootstrap.intervals(List.of(), 3)[2]);
    }
}

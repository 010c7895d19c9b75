package org.healthkb.eval;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over questions: how far a mean over this many questions could move had
 * other questions of the same kind been asked. With 51 questions one question is two points of
 * success@1, so a figure read without its interval says more than it knows. The resamples come
 * from a fixed seed: the same scores always give the same interval.
 */
final class Bootstrap {
    static final int RESAMPLES = 10_000;
    private static final long SEED = 5;

    /** The 2.5th and 97.5th percentiles of the resampled means of one column of {@code rows}. */
    record Interval(double low, double high) {
    }

    private Bootstrap() {
    }

    /**
     * The 95% interval of the mean of each column; every resample draws the same questions for all
     * columns, as the figures of one question belong together.
     */
    static Interval[] intervals(List<double[]> rows, int columns) {
        Interval[] intervals = new Interval[columns];
        if (rows.isEmpty()) {
            Arrays.fill(intervals, new Interval(0, 0));
            return intervals;
        }
        double[][] means = new double[columns][RESAMPLES];
        SplittableRandom random = new SplittableRandom(SEED);
        int n = rows.size();
        for (int resample = 0; resample < RESAMPLES; resample++) {
            double[] sum = new double[columns];
            for (int draw = 0; draw < n; draw++) {
                double[] row = rows.get(random.nextInt(n));
                for (int c = 0; c < columns; c++) {
                    sum[c] += row[c];
                }
            }
            for (int c = 0; c < columns; c++) {
                means[c][resample] = sum[c] / n;
            }
        }
        for (int c = 0; c < columns; c++) {
            Arrays.sort(means[c]);
            intervals[c] = new Interval(means[c][(int) (RESAMPLES * 0.025)], means[c][(int) (RESAMPLES * 0.975) - 1]);
        }
        return intervals;
    }
}

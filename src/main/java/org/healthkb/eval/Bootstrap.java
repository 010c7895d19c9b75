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

    private Bootstrap() {
    }

    /**
     * The mean of each column with its 95% interval, the 2.5th and 97.5th percentiles of the resampled
     * means; every resample draws the same questions for all columns, as the figures of one question
     * belong together. No questions give 0 for all three.
     */
    static GuideEvaluation.Figure[] figures(List<double[]> rows, int columns) {
        GuideEvaluation.Figure[] figures = new GuideEvaluation.Figure[columns];
        if (rows.isEmpty()) {
            Arrays.fill(figures, new GuideEvaluation.Figure(0, 0, 0));
            return figures;
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
            int column = c;
            double mean = rows.stream().mapToDouble(row -> row[column]).average().orElseThrow();
            Arrays.sort(means[c]);
            figures[c] = new GuideEvaluation.Figure(mean, means[c][(int) (RESAMPLES * 0.025)],
                    means[c][(int) (RESAMPLES * 0.975) - 1]);
        }
        return figures;
    }
}

package org.ebp.transforms;

import org.ebp.api.data.Dataset;

/**
 * Per-feature moments of a training set, computed in double precision in two passes (mean first,
 * then squared deviations), which avoids the cancellation of the one-pass formula
 * E[x^2] - E[x]^2 on features with a large mean and a small spread.
 *
 * <p>Reads the set one row at a time through a reused buffer, so a 60,000 x 784 set costs no
 * extra copy.
 */
final class FeatureMoments {

    /**
     * Relative spread below which a feature counts as constant: the mean of a constant float
     * column, computed in double, is off by about 1e-16 of its value, so its computed standard
     * deviation is of that order, far below this; a genuine variation of one float step
     * (6e-8 relative) in one row of a billion still lies above it.
     */
    static final double CONSTANT_RELATIVE_SPREAD = 1e-12;

    /** Rows used. */
    final int rows;
    /** Mean of each feature over the rows. */
    final double[] mean;
    /** Covariance about the mean, (1/P) sum_p (x_i^p - mean_i)^2 (eq 13 of the centred input). */
    final double[] variance;
    /** Mean of squares, (1/P) sum_p (x_i^p)^2 (eq 13 of the input as it is). */
    final double[] meanSquare;
    /** Largest absolute value of each feature. */
    final double[] maxAbs;

    private FeatureMoments(int rows, double[] mean, double[] variance, double[] meanSquare, double[] maxAbs) {
        this.rows = rows;
        this.mean = mean;
        this.variance = variance;
        this.meanSquare = meanSquare;
        this.maxAbs = maxAbs;
    }

    /**
     * @throws IllegalArgumentException if the set has no rows
     */
    static FeatureMoments of(Dataset data, String transform) {
        int n = data.size();
        int d = data.features();
        if (n == 0) {
            throw new IllegalArgumentException("transform '" + transform + "' cannot be fitted on " + data.name()
                    + ": it has no rows; fit it on a non-empty training set");
        }
        float[] row = new float[d];
        double[] sum = new double[d];
        double[] maxAbs = new double[d];
        for (int i = 0; i < n; i++) {
            data.copyRow(i, row, 0);
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
                maxAbs[j] = Math.max(maxAbs[j], Math.abs(row[j]));
            }
        }
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / n;
        }
        double[] squaredDeviation = new double[d];
        double[] square = new double[d];
        for (int i = 0; i < n; i++) {
            data.copyRow(i, row, 0);
            for (int j = 0; j < d; j++) {
                double x = row[j];
                double z = x - mean[j];
                squaredDeviation[j] += z * z;
                square[j] += x * x;
            }
        }
        double[] variance = new double[d];
        double[] meanSquare = new double[d];
        for (int j = 0; j < d; j++) {
            variance[j] = squaredDeviation[j] / n;
            meanSquare[j] = square[j] / n;
        }
        return new FeatureMoments(n, mean, variance, meanSquare, maxAbs);
    }

    /** Whether feature j takes a single value on the training set. */
    boolean constant(int j) {
        return Math.sqrt(variance[j]) <= CONSTANT_RELATIVE_SPREAD * maxAbs[j];
    }

    /** Whether feature j is zero in every training row. */
    boolean allZero(int j) {
        return maxAbs[j] == 0;
    }

    int features() {
        return mean.length;
    }
}

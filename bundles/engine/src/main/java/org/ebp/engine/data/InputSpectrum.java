package org.ebp.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;

/**
 * The eigenvalue spread of a set's inputs, which section 1.4.3 says governs how fast
 * backpropagation converges: the condition number of the input covariance
 * {@code C = (1/P) sum_p (x^p - mean)(x^p - mean)'} (eq 13 in matrix form), and the largest
 * eigenvalue of the uncentred second-moment matrix {@code H = (1/P) sum_p x^p x^p'}, which is the
 * Hessian of a linear unit trained by LMS. {@code H = C + mean mean'}: with inputs of mean m it
 * has one eigenvalue about N m^2 larger than C's (section 1.4.3's example), which mean
 * cancellation removes.
 *
 * <p>"Non-zero" means above {@link #TOLERANCE} times the largest eigenvalue, the same threshold
 * below which pca drops a direction as linearly dependent: constant and duplicated features give
 * eigenvalues at double rounding level (about 1e-16 of the largest), far below it.
 */
public final class InputSpectrum {

    /** Relative threshold of a non-zero eigenvalue (pca's default tolerance). */
    public static final double TOLERANCE = 1e-10;
    /** Widest input whose d x d eigen-decomposition stats still computes (784 for Fashion-MNIST takes about a second). */
    public static final int MAX_FEATURES = 2048;
    /** Rows per dgemm block: 1024 x 784 doubles is 6 MB. */
    private static final int BLOCK_ROWS = 1024;

    /**
     * @param features         d
     * @param covariance       eigenvalues of C, ascending
     * @param largestSecondMoment largest eigenvalue of H = C + mean mean'
     * @param nonZero          eigenvalues of C above TOLERANCE x largest
     */
    public record Result(int features, double[] covariance, double largestSecondMoment, int nonZero) {
        public double largest() {
            return covariance[covariance.length - 1];
        }

        /** Smallest eigenvalue above the tolerance, or NaN when none is. */
        public double smallestNonZero() {
            return nonZero == 0 ? Double.NaN : covariance[covariance.length - nonZero];
        }

        /** Largest over smallest non-zero eigenvalue of C. */
        public double condition() {
            return largest() / smallestNonZero();
        }
    }

    private InputSpectrum() {
    }

    /** Computes the spectrum through {@code compute} (covariance by dgemm in blocks, eigenvalues by its symmetric solver). */
    public static Result of(Dataset data, ComputeService compute) {
        int n = data.size();
        int d = data.features();
        if (n == 0) {
            throw new IllegalArgumentException(data.name() + " has no examples");
        }
        double[] mean = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            data.copyRow(i, row, 0);
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // Centred blocks (two-pass: no cancellation of E[x^2] - E[x]^2 on features with a large mean).
        int blockRows = Math.min(BLOCK_ROWS, n);
        double[] block = new double[blockRows * d];
        double[] c = new double[d * d];
        for (int start = 0; start < n; start += blockRows) {
            int rows = Math.min(blockRows, n - start);
            for (int i = 0; i < rows; i++) {
                data.copyRow(start + i, block, i * d);
                for (int j = 0; j < d; j++) {
                    block[i * d + j] -= mean[j];
                }
            }
            compute.dgemm(true, false, d, d, rows, 1.0, block, 0, d, block, 0, d, 1.0, c, 0, d);
        }
        double[] h = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = 0.5 * (c[i * d + j] + c[j * d + i]) / n;
                c[i * d + j] = v;
                c[j * d + i] = v;
                // H = C + mean mean' (the uncentred second moment, written without a second pass)
                double s = v + mean[i] * mean[j];
                h[i * d + j] = s;
                h[j * d + i] = s;
            }
        }
        double[] values = compute.symmetricEigenvalues(c, d);
        double[] hValues = compute.symmetricEigenvalues(h, d);
        double largest = values[d - 1];
        int nonZero = 0;
        for (double v : values) {
            if (largest > 0 && v > TOLERANCE * largest) {
                nonZero++;
            }
        }
        return new Result(d, values, hValues[d - 1], nonZero);
    }

    /** The lines {@code data stats} shows. */
    public static List<String> lines(Dataset data, ComputeService compute) {
        List<String> lines = new ArrayList<>();
        if (compute == null) {
            lines.add("input covariance eigenvalues: not computed (no compute service)");
            return lines;
        }
        if (data.features() > MAX_FEATURES) {
            lines.add("input covariance eigenvalues: not computed for " + data.features() + " features (at most "
                    + MAX_FEATURES + "); reduce them first, e.g. transform pca components=500");
            return lines;
        }
        Result r;
        try {
            r = of(data, compute);
        } catch (UnsupportedOperationException e) {
            // a minimal compute provider may lack the eigen solver; the other stats still stand
            lines.add("input covariance eigenvalues: not computed (compute service '" + compute.name()
                    + "' has no symmetric eigen solver: " + e.getMessage() + ")");
            return lines;
        }
        if (r.nonZero() == 0) {
            lines.add("input covariance: every feature is constant (all eigenvalues 0)");
        } else {
            lines.add(String.format(Locale.ROOT, "input covariance eigenvalues: largest %s, smallest non-zero %s "
                            + "(%d of %d above %.0e x largest); condition number %s",
                    number(r.largest()), number(r.smallestNonZero()), r.nonZero(), r.features(), TOLERANCE,
                    number(r.condition())));
        }
        double ratio = r.largestSecondMoment() / r.largest();
        lines.add(String.format(Locale.ROOT, "LMS Hessian (1/P) sum x x' (uncentred): largest eigenvalue %s%s",
                number(r.largestSecondMoment()),
                ratio > 1.01 ? String.format(Locale.ROOT, ", %s x the covariance's: the inputs' mean adds it; "
                        + "centring removes it (section 1.4.3)", number(ratio)) : ", equal to the covariance's (inputs centred)"));
        return lines;
    }

    /** Five significant digits without trailing zeros: 0.0625, 16.063, 4.342e5, 4.12e-4. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            String[] parts = String.format(Locale.ROOT, "%.3e", v).split("e");
            return trim(parts[0]) + "e" + Integer.parseInt(parts[1]);
        }
        return trim(String.format(Locale.ROOT, "%.5g", v));
    }

    private static String trim(String decimal) {
        if (!decimal.contains(".")) {
            return decimal;
        }
        String t = decimal.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}

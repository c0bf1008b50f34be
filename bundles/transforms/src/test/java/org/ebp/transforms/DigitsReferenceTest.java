package org.ebp.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;
import org.ebp.compute.jblas.PureJavaCompute;
import org.ebp.data.DigitsDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decorrelating transforms on the bundled digits set against numpy, and the paper's
 * linear-unit example (section 1.4.3). Reference values come from
 * {@code src/test/resources/org/ebp/transforms/digits_reference.py} (numpy 2.4.6,
 * {@code numpy.linalg.eigh} of the 1/P covariance), pasted here.
 */
class DigitsReferenceTest {

    /** numpy: eigenvalues of the digits covariance above 1e-10 of the largest, descending (61 of 64; 3 pixels are constant). */
    private static final double[] EIGENVALUES = {178.9073157796092, 163.6266407342751, 141.7095362324663, 101.04411455999707,
            69.4744826941645, 59.07563199543375, 51.8556662424042, 43.99061300929065, 40.2885629080915, 36.991201964588264,
            28.503170818466188, 27.305966039016667, 21.88930032944739, 21.31248990189769, 17.626907685478105,
            16.937433210612067, 15.84256887989971, 14.996110494155793, 12.22766489958414, 10.880800971372663,
            10.687615463804395, 9.577265236344603, 9.221268264275475, 8.685532677095756, 8.36095657925231,
            7.161791975694984, 6.915888089541802, 6.189508808630146, 5.8817163278726, 5.15299774329653,
            4.488797232133067, 4.244514679331019, 4.045186498357, 3.9412089062923568, 3.7044098653361703,
            3.529687757027768, 3.0828575779026197, 2.7362764811181437, 2.6706219720443056, 2.5402912118754846,
            2.2817169983457375, 1.9061809392119264, 1.8161544720278415, 1.6890239548757902, 1.4011920213398894,
            1.2914997853244015, 1.1582892592410288, 0.9307018000356955, 0.6694778331217242, 0.4857947303768255,
            0.25221000374843366, 0.09909761756191034, 0.06309565354557811, 0.060703958554445867, 0.03964415614644284,
            0.014942243828423038, 0.008468357485686234, 0.0036216430618833157, 0.001276340475616429,
            0.000660902920428385, 0.000411993910072414};

    /**
     * Relative tolerance of the issue. Both sides compute the covariance in double from exact
     * integer pixels (rounding ~1e-16 relative per entry) and solve a symmetric eigenproblem
     * with absolute error ~1e-16 x lambda_max = 2e-14; relative to the smallest kept eigenvalue
     * 4e-4 that is 5e-11, well inside 1e-8.
     */
    private static final double RELATIVE = 1e-8;
    /** Identity checks in double: entries of W C W' are sums of 64 x 64 products of size ~1, rounding ~1e-13. */
    private static final double IDENTITY = 1e-8;

    private static Dataset digits;
    private static double[] covariance;
    private final PureJavaCompute compute = new PureJavaCompute();

    @BeforeAll
    static void loadDigits() throws Exception {
        DigitsDataset source = new DigitsDataset();
        digits = source.load(source.defaults());
        covariance = covariance(digits);
    }

    @Test
    void pcaEigenvaluesEqualNumpy() {
        PcaTransform pca = new PcaTransform(null);
        FittedTransform fitted = pca.fit(digits, pca.defaults(), compute);
        double[] variance = fitted.values().array("variance");
        assertEquals(EIGENVALUES.length, variance.length, "61 directions kept: 3 constant pixels dropped");
        assertEquals(61, fitted.outputWidth());
        for (int r = 0; r < variance.length; r++) {
            assertEquals(EIGENVALUES[r], variance[r], RELATIVE * EIGENVALUES[r], "eigenvalue " + r);
        }
        assertTrue(fitted.report().contains("3 of 64 directions"), fitted.report());
    }

    /**
     * After whiten the training covariance is the identity to 1e-8. The check is on the fitted
     * mapping in double, {@code W C W'} with {@code W = diag(scale) V'} and C the covariance
     * computed here independently, because the applied output is stored as float32 (6e-8
     * relative), which alone would exceed 1e-8; the float output is checked to 1e-5.
     */
    @Test
    void whitenGivesIdentityCovarianceOnTheTrainingSet() {
        WhitenTransform whiten = new WhitenTransform(null);
        FittedTransform fitted = whiten.fit(digits, whiten.defaults(), compute);
        int d = 64;
        int k = fitted.outputWidth();
        double[] w = mapping(fitted, d, k);
        double[] wcw = sandwich(w, k, d);
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                assertEquals(r == s ? 1 : 0, wcw[r * k + s], IDENTITY, "W C W' at " + r + "," + s);
            }
        }
        double[] outputCovariance = covariance(whiten.apply(fitted, digits, compute));
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < k; s++) {
                // float32 outputs: ~1e-7 relative per value, accumulated over 1797 rows
                assertEquals(r == s ? 1 : 0, outputCovariance[r * k + s], 1e-5, "float output covariance " + r + "," + s);
            }
        }
    }

    /**
     * zca = V diag(scale) V': its covariance is the projector V V' onto the 61 kept directions
     * (the identity there, 0 along the 3 constant pixels), checked in double on the mapping.
     */
    @Test
    void zcaWhitensAndKeepsTheInputAxes() {
        ZcaTransform zca = new ZcaTransform(null);
        FittedTransform fitted = zca.fit(digits, zca.defaults(), compute);
        int d = 64;
        assertEquals(64, fitted.outputWidth());
        double[] v = fitted.values().array("components");
        double[] scale = fitted.values().array("scale");
        int k = scale.length;
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int r = 0; r < k; r++) {
                    sum += v[r * d + i] * scale[r] * v[r * d + j];
                }
                m[i * d + j] = sum;
            }
        }
        double[] mcm = sandwich(m, d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double projector = 0;
                for (int r = 0; r < k; r++) {
                    projector += v[r * d + i] * v[r * d + j];
                }
                assertEquals(projector, mcm[i * d + j], IDENTITY, "M C M' at " + i + "," + j);
            }
        }
        Dataset z = zca.apply(fitted, digits, compute);
        assertEquals(digits.featureNames(), z.featureNames(), "zca keeps the input axes");
        for (float value : z.featureMatrix()) {
            assertTrue(Float.isFinite(value));
        }
        assertEquals(0.0, z.feature(0, 0), "a constant pixel stays 0");
    }

    /**
     * Section 1.4.3: a linear unit trained by LMS has Hessian (1/P) sum x x'. With N inputs of
     * mean m and variance s^2 (uncorrelated) it is s^2 I + m^2 1 1', eigenvalues s^2 + N m^2
     * (once, along 1) and s^2 (N - 1 times). Centring removes the large one. The 2N rows
     * m 1 +- s sqrt(N) e_i have exactly that mean and covariance; N = 16, m = 1, s = 0.25 keep
     * every value exact in float.
     */
    @Test
    void centringRemovesTheLargeHessianEigenvalueOfTheLinearUnit() {
        int n = 16;
        double m = 1;
        double s = 0.25;
        float[] x = new float[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[(2 * i) * n + j] = (float) (m + (i == j ? s * Math.sqrt(n) : 0));
                x[(2 * i + 1) * n + j] = (float) (m - (i == j ? s * Math.sqrt(n) : 0));
            }
        }
        Dataset inputs = Dataset.classification("linear-unit", x, 2 * n, n, new int[2 * n], List.of("a"), List.of());
        double[] before = compute.symmetricEigenvalues(secondMoment(inputs), n);
        assertEquals(s * s + n * m * m, before[n - 1], 1e-12, "largest: s^2 + N m^2");
        for (int r = 0; r < n - 1; r++) {
            assertEquals(s * s, before[r], 1e-12, "the others: s^2");
        }
        CenterTransform center = new CenterTransform();
        Dataset centred = center.apply(center.fit(inputs, center.defaults(), compute), inputs);
        double[] after = compute.symmetricEigenvalues(secondMoment(centred), n);
        for (int r = 0; r < n; r++) {
            assertEquals(s * s, after[r], 1e-12, "after centring every eigenvalue is s^2: condition number 1");
        }
    }

    /** A duplicated and a constant feature: no NaN anywhere, reported, the duplicate direction dropped by pca. */
    @Test
    void duplicateAndConstantFeaturesProduceNoNaN() {
        int n = 50;
        float[] x = new float[n * 4];
        for (int i = 0; i < n; i++) {
            x[i * 4] = (i * 37 % 11) - 5;
            x[i * 4 + 1] = x[i * 4];
            x[i * 4 + 2] = 7;
            x[i * 4 + 3] = (i * 13 % 7) * 0.5f;
        }
        Dataset d = Dataset.classification("dup", x, n, 4, new int[n], List.of("a"), List.of());
        for (DecorrelatingTransform t : List.of(new PcaTransform(null), new WhitenTransform(null), new ZcaTransform(null))) {
            FittedTransform fitted = t.fit(d, t.defaults(), compute);
            assertTrue(fitted.report().contains("2 of 4 directions"), t.name() + ": " + fitted.report());
            assertTrue(fitted.report().contains("feature 2 has zero variance"), t.name() + ": " + fitted.report());
            for (float v : t.apply(fitted, d, compute).featureMatrix()) {
                assertFalse(Float.isNaN(v) || Float.isInfinite(v), t.name());
            }
        }
        assertEquals(2, new PcaTransform(null).fit(d, new PcaTransform(null).defaults(), compute).outputWidth());
        StandardizeTransform standardize = new StandardizeTransform();
        for (float v : standardize.apply(standardize.fit(d, standardize.defaults(), null), d).featureMatrix()) {
            assertFalse(Float.isNaN(v) || Float.isInfinite(v));
        }
    }

    /** {@code W = diag(scale) V'} as k x d. */
    private static double[] mapping(FittedTransform fitted, int d, int k) {
        double[] v = fitted.values().array("components");
        double[] scale = fitted.values().array("scale");
        double[] w = new double[k * d];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < d; j++) {
                w[r * d + j] = scale[r] * v[r * d + j];
            }
        }
        return w;
    }

    /** {@code A C A'} for A (rows x d) and the digits covariance C (d x d). */
    private static double[] sandwich(double[] a, int rows, int d) {
        double[] ac = new double[rows * d];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    sum += a[r * d + i] * covariance[i * d + j];
                }
                ac[r * d + j] = sum;
            }
        }
        double[] out = new double[rows * rows];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < rows; s++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    sum += ac[r * d + j] * a[s * d + j];
                }
                out[r * rows + s] = sum;
            }
        }
        return out;
    }

    /** The 1/P covariance in double, two passes (mean, then centred products). */
    private static double[] covariance(Dataset data) {
        int n = data.size();
        int d = data.features();
        double[] mean = new double[d];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.feature(p, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] c = new double[d * d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                double xi = data.feature(p, i) - mean[i];
                for (int j = 0; j < d; j++) {
                    c[i * d + j] += xi * (data.feature(p, j) - mean[j]);
                }
            }
        }
        for (int i = 0; i < c.length; i++) {
            c[i] /= n;
        }
        return c;
    }

    /** (1/P) sum x x': the Hessian of a linear unit under LMS. */
    private static double[] secondMoment(Dataset data) {
        int n = data.size();
        int d = data.features();
        double[] h = new double[d * d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    h[i * d + j] += (double) data.feature(p, i) * data.feature(p, j) / n;
                }
            }
        }
        return h;
    }
}

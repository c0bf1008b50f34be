package org.ebp.compute.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ebp.api.compute.ComputeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The product contract of every ComputeService: gemm and gemv against a naive triple loop, in all transpose combinations,
 * with offsets and leading dimensions larger than the width, in double and float.
 *
 * <p>Tolerance: a dot product of length k computed in any order differs from the exact one by at
 * most {@code gamma_k sum |a_ip b_pj|} with {@code gamma_k ~ k u} (Higham, Accuracy and
 * Stability of Numerical Algorithms, eq. 3.5); alpha and beta add two more roundings. The
 * reference, computed in double, has the same bound, so the two may differ by
 * {@code 2 (k + 2) u (|alpha| sum |a b| + |beta c|)} per element, with u the unit roundoff of the
 * precision under test. Any indexing mistake produces errors of order 1, far above that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProductContract {

    /** The providers under test, each as (name for the report, ComputeService). */
    protected abstract Stream<Arguments> providers();

    /** The providers under test, without their names. */
    protected final List<ComputeService> all() {
        return providers().map(p -> (ComputeService) p.get()[1]).toList();
    }

    /** Shapes (m, n, k): small (Java path), large enough for the native path, and single-row. */
    static final int[][] SHAPES = {{3, 4, 5}, {37, 29, 41}, {64, 48, 80}, {1, 33, 40}, {45, 1, 17}, {20, 30, 1}};

    /** Values written around each matrix, which must come back unchanged. */
    private static final double SENTINEL = 12345.0;

    Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (Arguments p : providers().toList()) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    list.add(Arguments.of(p.get()[0], p.get()[1], s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
                }
            }
        }
        return list.stream();
    }

    /** A matrix stored rows x cols at an offset with a padded row stride, for one operand. */
    private record Stored(double[] data, int off, int ld, int rows, int cols) {
        double get(int i, int j) {
            return data[off + i * ld + j];
        }

        float[] asFloat() {
            float[] f = new float[data.length];
            for (int i = 0; i < data.length; i++) {
                f[i] = (float) data[i];
            }
            return f;
        }
    }

    /** Random values inside the region, SENTINEL in the offset, padding and tail. */
    private static Stored stored(Random r, int rows, int cols, int off, int pad) {
        int ld = cols + pad;
        double[] data = new double[off + rows * ld + 3];
        java.util.Arrays.fill(data, SENTINEL);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                data[off + i * ld + j] = 2 * r.nextDouble() - 1;
            }
        }
        return new Stored(data, off, ld, rows, cols);
    }

    private static double opGet(Stored s, boolean trans, int i, int j) {
        return trans ? s.get(j, i) : s.get(i, j);
    }

    @ParameterizedTest(name = "{0} dgemm m={2} n={3} k={4} transA={5} transB={6}")
    @MethodSource("cases")
    void dgemmMatchesTripleLoop(String provider, ComputeService c, int m, int n, int k, boolean tA, boolean tB) {
        Random r = new Random(31L * m + 7L * n + k + (tA ? 100 : 0) + (tB ? 1000 : 0));
        Stored a = tA ? stored(r, k, m, 5, 3) : stored(r, m, k, 5, 3);
        Stored b = tB ? stored(r, n, k, 2, 7) : stored(r, k, n, 2, 7);
        Stored cc = stored(r, m, n, 4, 2);
        double[] before = cc.data().clone();
        double alpha = 0.75;
        double beta = -1.25;
        c.dgemm(tA, tB, m, n, k, alpha, a.data(), a.off(), a.ld(), b.data(), b.off(), b.ld(),
                beta, cc.data(), cc.off(), cc.ld());
        checkAgainstNaive(a, b, cc, before, m, n, k, tA, tB, alpha, beta, TestMatrices.U_DOUBLE, null);
    }

    @ParameterizedTest(name = "{0} sgemm m={2} n={3} k={4} transA={5} transB={6}")
    @MethodSource("cases")
    void sgemmMatchesTripleLoop(String provider, ComputeService c, int m, int n, int k, boolean tA, boolean tB) {
        Random r = new Random(17L * m + 5L * n + k + (tA ? 100 : 0) + (tB ? 1000 : 0));
        Stored a = tA ? stored(r, k, m, 1, 4) : stored(r, m, k, 1, 4);
        Stored b = tB ? stored(r, n, k, 6, 1) : stored(r, k, n, 6, 1);
        Stored cc = stored(r, m, n, 3, 5);
        float[] fa = a.asFloat();
        float[] fb = b.asFloat();
        float[] fc = cc.asFloat();
        // The reference works on exactly the float inputs, widened to double.
        Stored aw = new Stored(widen(fa), a.off(), a.ld(), a.rows(), a.cols());
        Stored bw = new Stored(widen(fb), b.off(), b.ld(), b.rows(), b.cols());
        double[] before = widen(fc);
        c.sgemm(tA, tB, m, n, k, 0.5f, fa, a.off(), a.ld(), fb, b.off(), b.ld(), 2f, fc, cc.off(), cc.ld());
        Stored result = new Stored(widen(fc), cc.off(), cc.ld(), m, n);
        checkAgainstNaive(aw, bw, result, before, m, n, k, tA, tB, 0.5, 2.0, TestMatrices.U_FLOAT, null);
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static void checkAgainstNaive(Stored a, Stored b, Stored c, double[] before, int m, int n, int k,
                                          boolean tA, boolean tB, double alpha, double beta, double u, String what) {
        double gamma = 2 * (k + 2) * u;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double x = opGet(a, tA, i, p) * opGet(b, tB, p, j);
                    exact += x;
                    magnitude += Math.abs(x);
                }
                double cOld = before[c.off() + i * c.ld() + j];
                double expected = alpha * exact + beta * cOld;
                double tol = gamma * (Math.abs(alpha) * magnitude + Math.abs(beta * cOld)) + Double.MIN_NORMAL;
                double got = c.get(i, j);
                assertEquals(expected, got, tol, "C(" + i + "," + j + ")");
            }
        }
        // Nothing outside the m x n region of C may change.
        for (int idx = 0; idx < before.length; idx++) {
            int rel = idx - c.off();
            boolean inside = rel >= 0 && rel / c.ld() < m && rel % c.ld() < n;
            if (!inside) {
                assertEquals(before[idx], c.data()[idx], 0.0, "element " + idx + " outside C was written");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void betaZeroOverwritesNaNInC(String provider, ComputeService c) {
        Random r = new Random(3);
        for (int size : new int[] {4, 40}) {
            double[] a = TestMatrices.random(r, size * size);
            double[] b = TestMatrices.random(r, size * size);
            double[] out = new double[size * size];
            java.util.Arrays.fill(out, Double.NaN);
            c.dgemm(false, false, size, size, size, 1.0, a, 0, size, b, 0, size, 0.0, out, 0, size);
            double[] expected = TestMatrices.multiply(a, b, size, size, size);
            for (int i = 0; i < out.length; i++) {
                assertEquals(expected[i], out[i], 1e-12, "beta = 0 must not read C (BLAS convention)");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void alphaZeroOnlyScalesC(String provider, ComputeService c) {
        double[] out = {1, 2, 3, 4};
        c.dgemm(false, false, 2, 2, 2, 0.0, new double[] {Double.NaN, 1, 1, 1}, 0, 2, new double[4], 0, 2, 3.0, out, 0, 2);
        assertEquals(List.of(3.0, 6.0, 9.0, 12.0), List.of(out[0], out[1], out[2], out[3]));
    }

    Stream<Arguments> gemvCases() {
        List<Arguments> list = new ArrayList<>();
        for (Arguments p : providers().toList()) {
            for (int[] s : new int[][] {{7, 5}, {60, 45}, {1, 30}, {30, 1}}) {
                for (boolean t : new boolean[] {false, true}) {
                    list.add(Arguments.of(p.get()[0], p.get()[1], s[0], s[1], t));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} dgemv m={2} n={3} transA={4}")
    @MethodSource("gemvCases")
    void dgemvMatchesLoop(String provider, ComputeService c, int m, int n, boolean tA) {
        Random r = new Random(m * 13L + n + (tA ? 7 : 0));
        Stored a = stored(r, m, n, 3, 4);
        int xLen = tA ? m : n;
        int yLen = tA ? n : m;
        double[] x = new double[xLen + 6];
        double[] y = new double[yLen + 5];
        java.util.Arrays.fill(x, SENTINEL);
        java.util.Arrays.fill(y, SENTINEL);
        for (int i = 0; i < xLen; i++) {
            x[4 + i] = 2 * r.nextDouble() - 1;
        }
        for (int i = 0; i < yLen; i++) {
            y[2 + i] = 2 * r.nextDouble() - 1;
        }
        double[] yBefore = y.clone();
        double alpha = -1.5;
        double beta = 0.5;
        c.dgemv(tA, m, n, alpha, a.data(), a.off(), a.ld(), x, 4, beta, y, 2);
        int len = tA ? m : n;
        double gamma = 2 * (len + 2) * TestMatrices.U_DOUBLE;
        for (int i = 0; i < yLen; i++) {
            double exact = 0;
            double magnitude = 0;
            for (int p = 0; p < len; p++) {
                double v = (tA ? a.get(p, i) : a.get(i, p)) * x[4 + p];
                exact += v;
                magnitude += Math.abs(v);
            }
            double expected = alpha * exact + beta * yBefore[2 + i];
            double tol = gamma * (Math.abs(alpha) * magnitude + Math.abs(beta * yBefore[2 + i])) + Double.MIN_NORMAL;
            assertEquals(expected, y[2 + i], tol, "y(" + i + ")");
        }
        assertEquals(SENTINEL, y[0]);
        assertEquals(SENTINEL, y[1]);
        for (int i = 2 + yLen; i < y.length; i++) {
            assertEquals(SENTINEL, y[i], "y beyond its length was written");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void badDimensionsAreRejectedBeforeAnyKernelRuns(String provider, ComputeService c) {
        double[] a = new double[12];
        double[] b = new double[12];
        double[] out = new double[9];
        // lda smaller than the 4 columns of A (3 x 4).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.dgemm(false, false, 3, 3, 4, 1, a, 0, 3, b, 0, 3, 0, out, 0, 3));
        assertTrue(e.getMessage().contains("lda"), e.getMessage());
        // A needs 2 + 3 * 4 = 14 elements, the array has 12.
        e = assertThrows(IllegalArgumentException.class,
                () -> c.dgemm(false, false, 3, 3, 4, 1, a, 2, 4, b, 0, 3, 0, out, 0, 3));
        assertTrue(e.getMessage().contains("needs 14"), e.getMessage());
        // C of 3 x 4 does not fit 9 elements.
        assertThrows(IllegalArgumentException.class,
                () -> c.dgemm(false, false, 3, 4, 3, 1, a, 0, 3, b, 0, 4, 0, out, 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> c.dgemm(false, false, -1, 3, 3, 1, a, 0, 3, b, 0, 3, 0, out, 0, 3));
        assertThrows(IllegalArgumentException.class,
                () -> c.sgemm(true, false, 3, 3, 3, 1, new float[8], 0, 3, new float[9], 0, 3, 0, new float[9], 0, 3));
        // gemv: x too short for op(A) = A' of a 3 x 4 A (x needs 3 elements from offset 1).
        assertThrows(IllegalArgumentException.class,
                () -> c.dgemv(true, 3, 4, 1, a, 0, 4, new double[3], 1, 0, new double[4], 0));
        assertThrows(IllegalArgumentException.class,
                () -> c.dgemv(false, 3, 4, 1, a, -1, 4, new double[4], 0, 0, new double[3], 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void emptyProductsAreNoOps(String provider, ComputeService c) {
        double[] out = {7};
        c.dgemm(false, false, 0, 1, 3, 1, new double[0], 0, 3, new double[3], 0, 1, 0, new double[0], 0, 1);
        // k = 0: C = beta C.
        c.dgemm(false, false, 1, 1, 0, 1, new double[0], 0, 1, new double[0], 0, 1, 2, out, 0, 1);
        assertEquals(14.0, out[0]);
    }
}

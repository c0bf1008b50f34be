package org.ebp.compute.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Linear solves (LU and Cholesky) of every provider, checked by their residuals.
 *
 * <p>Tolerance: LU with partial pivoting and Cholesky are backward stable, so
 * {@code ||A X - B|| <= c n eps (||A|| ||X|| + ||B||)} with a small c; the bound used,
 * {@code 1e-12 (||A|| ||X|| + ||B||)}, is about 100 n eps for n = 40 and fails for any wrong
 * transpose or permutation by many orders of magnitude.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SolveContract {

    /** The providers under test, each as (name for the report, ComputeService). */
    protected abstract Stream<Arguments> providers();

    /** The providers under test, without their names. */
    protected final List<ComputeService> all() {
        return providers().map(p -> (ComputeService) p.get()[1]).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void luSolveHasSmallResidual(String provider, ComputeService c) {
        Random r = new Random(40);
        int n = 40;
        int nrhs = 3;
        double[] a = TestMatrices.random(r, n * n);
        double[] b = TestMatrices.random(r, n * nrhs);
        double[] aCopy = a.clone();
        double[] bCopy = b.clone();
        double[] x = c.solve(a, n, b, nrhs);
        assertArrayEquals(aCopy, a, "A must not be modified");
        assertArrayEquals(bCopy, b, "B must not be modified");
        assertResidualSmall(a, n, b, nrhs, x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void choleskySolveHasSmallResidual(String provider, ComputeService c) {
        Random r = new Random(41);
        int n = 40;
        int nrhs = 2;
        double[] m = TestMatrices.random(r, n * n);
        double[] a = spd(m, n);
        double[] b = TestMatrices.random(r, n * nrhs);
        double[] aCopy = a.clone();
        double[] x = c.solveSymmetricPositive(a, n, b, nrhs);
        assertArrayEquals(aCopy, a, "A must not be modified");
        assertResidualSmall(a, n, b, nrhs, x);
        // The same system by LU gives the same solution (the matrix is well conditioned: A = M'M + I).
        assertArrayEquals(c.solve(a, n, b, nrhs), x, 1e-10);
    }

    @Test
    void providersAgreeOnSolutions() {
        Random r = new Random(42);
        for (int n : new int[] {12, 25}) {
            double[] a = TestMatrices.random(r, n * n);
            double[] b = TestMatrices.random(r, n);
            double[] reference = TestMatrices.JAVA.solve(a, n, b, 1);
            for (ComputeService c : all()) {
                // Both are backward stable; the solutions differ by about cond(A) eps, cond(A) < 1e4 here.
                assertArrayEquals(reference, c.solve(a, n, b, 1), 1e-9, c.name());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void singularMatricesAreReported(String provider, ComputeService c) {
        // Row 2 = row 0 + row 1: exactly singular.
        double[] dependentRows = {
            1, 2, 3,
            4, 5, 6,
            5, 7, 9};
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> c.solve(dependentRows, 3, new double[] {1, 2, 3}, 1));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        assertThrows(ArithmeticException.class, () -> c.solve(new double[4], 2, new double[] {1, 1}, 1));
        // Rank 4 of 10 and rank 10 of 30 from a product: singular only up to rounding, so the
        // pivots are tiny but not zero.
        Random r = new Random(43);
        for (int[] nr : new int[][] {{10, 4}, {30, 10}}) {
            int n = nr[0];
            int rank = nr[1];
            double[] lowRank = TestMatrices.multiply(TestMatrices.random(r, n * rank), TestMatrices.random(r, rank * n), n, rank, n);
            assertThrows(ArithmeticException.class, () -> c.solve(lowRank, n, new double[n], 1), "rank " + rank + " of " + n);
        }
        // 20 x 20 with the last row the sum of the first two.
        double[] big = TestMatrices.random(r, 400);
        for (int j = 0; j < 20; j++) {
            big[19 * 20 + j] = big[j] + big[20 + j];
        }
        assertThrows(ArithmeticException.class, () -> c.solve(big, 20, new double[40], 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void notPositiveDefiniteIsReported(String provider, ComputeService c) {
        double[] indefinite = {1, 2, 2, 1};      // eigenvalues 3 and -1
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> c.solveSymmetricPositive(indefinite, 2, new double[] {1, 1}, 1));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
        assertThrows(ArithmeticException.class,
                () -> c.solveSymmetricPositive(new double[] {-1, 0, 0, 1}, 2, new double[] {1, 1}, 1));
        // A random symmetric 20 x 20 matrix has eigenvalues of both signs (its smallest is about -8).
        double[] randomSymmetric = TestMatrices.randomSymmetric(new Random(44), 20);
        assertThrows(ArithmeticException.class,
                () -> c.solveSymmetricPositive(randomSymmetric, 20, new double[20], 1));
        // LU still solves the indefinite system: x = (1/3, 1/3).
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, c.solve(indefinite, 2, new double[] {1, 1}, 1), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void nanAndShortArraysAreRejected(String provider, ComputeService c) {
        assertThrows(IllegalArgumentException.class,
                () -> c.solve(new double[] {1, 0, 0, Double.NaN}, 2, new double[] {1, 1}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.solve(new double[] {1, 0, 0, 1}, 2, new double[] {1, Double.NaN}, 1));
        assertTrue(e.getMessage().contains("B"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> c.solveSymmetricPositive(new double[] {2, 0, 0, 2}, 2, new double[] {Double.NEGATIVE_INFINITY, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> c.solve(new double[3], 2, new double[2], 1));
        assertThrows(IllegalArgumentException.class,
                () -> c.solveSymmetricPositive(new double[] {2, 0, 0, 2}, 2, new double[3], 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void longerArraysAreReadOnlyUpToTheirSize(String provider, ComputeService c) {
        // A reused buffer may be longer than n x n; the tail is ignored, even if it holds NaN.
        double[] a = {2, 0, 0, 4, Double.NaN, 9};
        double[] b = {2, 8, Double.NaN};
        assertArrayEquals(new double[] {1, 2}, c.solve(a, 2, b, 1), 1e-15);
        assertArrayEquals(new double[] {1, 2}, c.solveSymmetricPositive(a, 2, b, 1), 1e-15);
    }

    /** M'M + I: symmetric positive definite with eigenvalues >= 1. */
    private static double[] spd(double[] m, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += m[k * n + i] * m[k * n + j];
                }
                a[i * n + j] = s;
            }
        }
        return a;
    }

    private static void assertResidualSmall(double[] a, int n, double[] b, int nrhs, double[] x) {
        assertEquals(n * nrhs, x.length);
        double normA = TestMatrices.maxAbs(a) * n;       // bound on the infinity norm
        double normX = TestMatrices.maxAbs(x);
        double normB = TestMatrices.maxAbs(b);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nrhs; j++) {
                double ax = 0;
                for (int k = 0; k < n; k++) {
                    ax += a[i * n + k] * x[k * nrhs + j];
                }
                assertEquals(b[i * nrhs + j], ax, 1e-12 * (normA * normX + normB), "(A X - B)(" + i + "," + j + ")");
            }
        }
    }
}

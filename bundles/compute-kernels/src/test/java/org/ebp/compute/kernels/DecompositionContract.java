package org.ebp.compute.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eigen-decomposition and SVD of every provider, checked by their defining equations rather than
 * against each other: {@code A v = lambda v} with orthonormal V, {@code A = U diag(s) V'}.
 *
 * <p>Tolerances: both LAPACK and the Jacobi methods are backward stable, so residuals are a
 * modest multiple of {@code n eps ||A||}, about 1e-13 for the 50 x 50 matrices with entries in
 * [-1, 1] used here; 1e-10 leaves three orders of magnitude for unlucky rounding while any real
 * mistake (a wrong transpose, a missing rotation) gives errors of order 0.1 or more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DecompositionContract {

    /** The providers under test, each as (name for the report, ComputeService). */
    protected abstract Stream<Arguments> providers();

    /** The providers under test, without their names. */
    protected final List<ComputeService> all() {
        return providers().map(p -> (ComputeService) p.get()[1]).toList();
    }

    private static final double TOL = 1e-10;

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void eigenvectorsSatisfyDefinitionAndAreOrthonormal(String provider, ComputeService c) {
        int n = 50;
        double[] a = TestMatrices.randomSymmetric(new Random(50), n);
        double[] copy = a.clone();
        SymmetricEigen e = c.symmetricEigen(a, n);
        assertArrayEquals(copy, a, "the input must not be modified");
        assertEquals(n, e.n());
        for (int j = 1; j < n; j++) {
            assertTrue(e.values()[j - 1] <= e.values()[j], "eigenvalues must ascend");
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) {
                    av += a[i * n + k] * e.vector(k, j);
                }
                assertEquals(e.values()[j] * e.vector(i, j), av, TOL, "(A v - lambda v)_" + i + " of vector " + j);
            }
            for (int l = 0; l < n; l++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += e.vector(i, j) * e.vector(i, l);
                }
                assertEquals(j == l ? 1.0 : 0.0, dot, TOL, "v_" + j + " . v_" + l);
            }
        }
        double[] valuesOnly = c.symmetricEigenvalues(a, n);
        assertArrayEquals(e.values(), valuesOnly, TOL, "eigenvalues alone must equal those of the full decomposition");
    }

    @Test
    void providersAgreeOnEigenvaluesAndSignedEigenvectors() {
        int n = 30;
        double[] a = TestMatrices.randomSymmetric(new Random(30), n);
        SymmetricEigen reference = TestMatrices.JAVA.symmetricEigen(a, n);
        for (ComputeService c : all()) {
            SymmetricEigen e = c.symmetricEigen(a, n);
            assertArrayEquals(reference.values(), e.values(), TOL, c.name());
            // Eigenvectors of distinct eigenvalues are unique up to sign, and the sign convention
            // (largest component positive) fixes that; the perturbation bound eps ||A|| / gap is
            // below 1e-12 for the gaps of this matrix.
            assertArrayEquals(reference.vectors(), e.vectors(), 1e-8, c.name() + " eigenvectors");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void diagonalMatrixGivesItsDiagonalSortedAndCoordinateVectors(String provider, ComputeService c) {
        double[] a = {
            3, 0, 0, 0,
            0, -1, 0, 0,
            0, 0, 2, 0,
            0, 0, 0, 0.5};
        SymmetricEigen e = c.symmetricEigen(a, 4);
        assertArrayEquals(new double[] {-1, 0.5, 2, 3}, e.values(), 1e-15);
        int[] source = {1, 3, 2, 0};   // the diagonal position of each sorted eigenvalue
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(i == source[j] ? 1.0 : 0.0, e.vector(i, j), 1e-15, "v(" + i + "," + j + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void secondDifferenceMatrixHasKnownEigenvalues(String provider, ComputeService c) {
        // tridiag(-1, 2, -1) of order n has eigenvalues 2 - 2 cos(k pi / (n + 1)), k = 1..n.
        int n = 20;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 2;
            if (i + 1 < n) {
                a[i * n + i + 1] = -1;
                a[(i + 1) * n + i] = -1;
            }
        }
        double[] values = c.symmetricEigenvalues(a, n);
        for (int k = 1; k <= n; k++) {
            // Absolute error of a backward-stable method: a small multiple of eps ||A|| (||A|| < 4).
            assertEquals(2 - 2 * Math.cos(k * Math.PI / (n + 1)), values[k - 1], 1e-13, "eigenvalue " + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void eigenUsesTheSymmetricPartOfANearlySymmetricMatrix(String provider, ComputeService c) {
        int n = 6;
        double[] s = TestMatrices.randomSymmetric(new Random(6), n);
        double[] skewed = s.clone();
        skewed[1] += 1e-9;              // A = S + K with K antisymmetric: (A + A') / 2 = S
        skewed[n] -= 1e-9;
        assertArrayEquals(c.symmetricEigenvalues(s, n), c.symmetricEigenvalues(skewed, n), 1e-14);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void eigenRejectsNaNInfinityAndShortArrays(String provider, ComputeService c) {
        double[] a = {1, 2, 2, Double.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.symmetricEigen(a, 2));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("(1, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> c.symmetricEigenvalues(new double[] {1, Double.POSITIVE_INFINITY, 0, 1}, 2));
        e = assertThrows(IllegalArgumentException.class, () -> c.symmetricEigen(new double[8], 3));
        assertTrue(e.getMessage().contains("9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.symmetricEigen(new double[4], -2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void svdReconstructsTallAndWideMatrices(String provider, ComputeService c) {
        Random r = new Random(11);
        for (int[] shape : new int[][] {{30, 20}, {20, 30}, {25, 25}, {1, 7}, {7, 1}}) {
            int m = shape[0];
            int n = shape[1];
            double[] a = TestMatrices.random(r, m * n);
            double[] copy = a.clone();
            SingularValues s = c.svd(a, m, n);
            assertArrayEquals(copy, a, "the input must not be modified");
            checkSvd(a, m, n, s, provider + " " + m + "x" + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void svdOfRankDeficientMatrixKeepsOrthonormalFactors(String provider, ComputeService c) {
        Random r = new Random(12);
        for (int[] shape : new int[][] {{12, 8}, {30, 20}, {20, 30}}) {
            int m = shape[0];
            int n = shape[1];
            // A = X Y with X m x 3 and Y 3 x n has rank 3: the other singular values are zero.
            double[] a = TestMatrices.multiply(TestMatrices.random(r, m * 3), TestMatrices.random(r, 3 * n), m, 3, n);
            SingularValues s = c.svd(a, m, n);
            checkSvd(a, m, n, s, provider + " rank 3, " + m + "x" + n);
            assertTrue(s.s()[2] > 1e-3, "three nonzero singular values");
            for (int j = 3; j < Math.min(m, n); j++) {
                // Rounding leaves about eps ||A|| in place of each zero.
                assertEquals(0.0, s.s()[j], 1e-13 * s.s()[0], "singular value " + j + " of a rank-3 matrix");
            }
        }
    }

    @Test
    void providersAgreeOnSingularValues() {
        Random r = new Random(13);
        for (int[] shape : new int[][] {{15, 9}, {40, 25}}) {
            double[] a = TestMatrices.random(r, shape[0] * shape[1]);
            SingularValues reference = TestMatrices.JAVA.svd(a, shape[0], shape[1]);
            for (ComputeService c : all()) {
                SingularValues s = c.svd(a, shape[0], shape[1]);
                assertArrayEquals(reference.s(), s.s(), TOL, c.name());
                // Distinct singular values: singular vectors are unique up to the sign convention.
                assertArrayEquals(reference.u(), s.u(), 1e-8, c.name() + " U");
                assertArrayEquals(reference.v(), s.v(), 1e-8, c.name() + " V");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void svdRejectsNaN(String provider, ComputeService c) {
        double[] a = new double[6];
        a[4] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> c.svd(a, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> c.svd(new double[5], 2, 3));
    }

    private static void checkSvd(double[] a, int m, int n, SingularValues s, String what) {
        int r = Math.min(m, n);
        assertEquals(m, s.m());
        assertEquals(n, s.n());
        assertEquals(r, s.s().length);
        assertEquals(m * r, s.u().length);
        assertEquals(n * r, s.v().length);
        for (int j = 0; j < r; j++) {
            assertTrue(s.s()[j] >= 0, what + ": singular values are non-negative");
            if (j > 0) {
                assertTrue(s.s()[j - 1] >= s.s()[j], what + ": singular values descend");
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double usv = 0;
                for (int k = 0; k < r; k++) {
                    usv += s.u()[i * r + k] * s.s()[k] * s.v()[j * r + k];
                }
                assertEquals(a[i * n + j], usv, TOL, what + ": (U S V')(" + i + "," + j + ")");
            }
        }
        assertOrthonormalColumns(s.u(), m, r, what + " U");
        assertOrthonormalColumns(s.v(), n, r, what + " V");
    }

    private static void assertOrthonormalColumns(double[] q, int rows, int cols, String what) {
        for (int j = 0; j < cols; j++) {
            for (int l = 0; l < cols; l++) {
                double dot = 0;
                for (int i = 0; i < rows; i++) {
                    dot += q[i * cols + j] * q[i * cols + l];
                }
                assertEquals(j == l ? 1.0 : 0.0, dot, TOL, what + ": column " + j + " . column " + l);
            }
        }
    }
}

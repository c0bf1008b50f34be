package org.ebp.compute.kernels;

/**
 * Dense direct solvers in pure Java on row-major arrays: LU with partial pivoting for a general
 * matrix and Cholesky for a symmetric positive definite one (Golub and Van Loan, sections 3.4 and
 * 4.2). Inputs are checked by the caller and never modified; the right-hand side B is n x nrhs
 * and all of its columns are carried through each elimination step together, so the inner loops
 * run along contiguous rows.
 */
public final class DirectSolvers {

    private DirectSolvers() {
    }

    /**
     * Solves {@code A X = B} by Gaussian elimination with partial pivoting (PA = LU).
     *
     * @throws ArithmeticException if a pivot is below {@link ArgumentChecks#singularPivotThreshold}
     */
    public static double[] solveLu(double[] a, int n, double[] b, int nrhs) {
        double[] lu = java.util.Arrays.copyOf(a, n * n);
        double[] x = java.util.Arrays.copyOf(b, n * nrhs);
        double tiny = ArgumentChecks.singularPivotThreshold(n, ArgumentChecks.maxAbs(lu, n * n));
        for (int col = 0; col < n; col++) {
            int pivotRow = col;
            double pivotAbs = Math.abs(lu[col * n + col]);
            for (int r = col + 1; r < n; r++) {
                double v = Math.abs(lu[r * n + col]);
                if (v > pivotAbs) {
                    pivotAbs = v;
                    pivotRow = r;
                }
            }
            if (pivotAbs <= tiny) {
                throw singular(n, col, pivotAbs, tiny);
            }
            if (pivotRow != col) {
                swapRows(lu, n, col, pivotRow);
                swapRows(x, nrhs, col, pivotRow);
            }
            double pivot = lu[col * n + col];
            for (int r = col + 1; r < n; r++) {
                double l = lu[r * n + col] / pivot;
                if (l == 0) {
                    continue;
                }
                lu[r * n + col] = l;
                for (int j = col + 1; j < n; j++) {
                    lu[r * n + j] -= l * lu[col * n + j];
                }
                for (int j = 0; j < nrhs; j++) {
                    x[r * nrhs + j] -= l * x[col * nrhs + j];
                }
            }
        }
        // Back substitution U X = Y, all right-hand sides at once.
        for (int i = n - 1; i >= 0; i--) {
            for (int k = i + 1; k < n; k++) {
                double u = lu[i * n + k];
                if (u == 0) {
                    continue;
                }
                for (int j = 0; j < nrhs; j++) {
                    x[i * nrhs + j] -= u * x[k * nrhs + j];
                }
            }
            double d = lu[i * n + i];
            for (int j = 0; j < nrhs; j++) {
                x[i * nrhs + j] /= d;
            }
        }
        return x;
    }

    public static ArithmeticException singular(int n, int col, double pivotAbs, double tiny) {
        return new ArithmeticException("solve: the " + n + " x " + n + " matrix is singular to working precision "
                + "(LU pivot " + pivotAbs + " in column " + col + " is not above " + tiny
                + " = n * eps * max|a_ij|); remove dependent rows or columns, or regularise "
                + "by adding a small multiple of the identity");
    }

    /**
     * Solves {@code A X = B} for symmetric positive definite A by Cholesky, A = L L'.
     *
     * @param s the symmetric matrix (row-major, only its lower triangle is read)
     * @throws ArithmeticException if A is not positive definite
     */
    public static double[] solveCholesky(double[] s, int n, double[] b, int nrhs) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = s[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            // Same test as LAPACK's dpotrf: a non-positive (or NaN) pivot means not positive definite.
            if (!(d > 0)) {
                throw notPositiveDefinite(n, j + 1);
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double v = s[i * n + j];
                for (int k = 0; k < j; k++) {
                    v -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = v / ljj;
            }
        }
        double[] x = java.util.Arrays.copyOf(b, n * nrhs);
        // L Y = B
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < i; k++) {
                double lik = l[i * n + k];
                for (int j = 0; j < nrhs; j++) {
                    x[i * nrhs + j] -= lik * x[k * nrhs + j];
                }
            }
            double d = l[i * n + i];
            for (int j = 0; j < nrhs; j++) {
                x[i * nrhs + j] /= d;
            }
        }
        // L' X = Y
        for (int i = n - 1; i >= 0; i--) {
            for (int k = i + 1; k < n; k++) {
                double lki = l[k * n + i];
                for (int j = 0; j < nrhs; j++) {
                    x[i * nrhs + j] -= lki * x[k * nrhs + j];
                }
            }
            double d = l[i * n + i];
            for (int j = 0; j < nrhs; j++) {
                x[i * nrhs + j] /= d;
            }
        }
        return x;
    }

    public static ArithmeticException notPositiveDefinite(int n, int order) {
        return new ArithmeticException("solveSymmetricPositive: the " + n + " x " + n
                + " matrix is not positive definite (Cholesky fails at the leading minor of order " + order
                + "); use solve (LU) for an indefinite matrix, or add a multiple of the identity "
                + "(as Levenberg-Marquardt does) to make it positive definite");
    }

    private static void swapRows(double[] m, int width, int r1, int r2) {
        int o1 = r1 * width;
        int o2 = r2 * width;
        for (int j = 0; j < width; j++) {
            double t = m[o1 + j];
            m[o1 + j] = m[o2 + j];
            m[o2 + j] = t;
        }
    }
}

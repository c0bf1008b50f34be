package org.ebp.compute.kernels;

import org.ebp.api.compute.SymmetricEigen;

/**
 * Cyclic Jacobi eigenvalue algorithm for a symmetric matrix (Rutishauser's formulation, as in
 * Golub and Van Loan, Matrix Computations, section 8.5). Each rotation zeroes one off-diagonal
 * element; a sweep visits every pair (p, q) once, and the off-diagonal mass falls quadratically
 * once it is small. Eigenvalues come out with an absolute error of a few eps * ||A||, and the
 * eigenvectors are orthonormal to a few eps, which is why it serves as the reference provider.
 * Cost: about 6-10 sweeps of 4 n^3 flops each with vectors.
 */
public final class JacobiEigen {

    /** Far more sweeps than convergence needs (typically under 10); reaching it means NaN crept in. */
    private static final int MAX_SWEEPS = 100;

    private JacobiEigen() {
    }

    /**
     * Eigen-decomposition of the symmetric n x n matrix {@code s} (row-major, overwritten).
     *
     * @param withVectors false to skip accumulating the rotations
     * @return ascending eigenvalues and, if requested, the eigenvectors as columns (else null)
     */
    public static SymmetricEigen decompose(double[] s, int n, boolean withVectors) {
        double[] v = null;
        if (withVectors) {
            v = new double[n * n];
            for (int i = 0; i < n; i++) {
                v[i * n + i] = 1;
            }
        }
        for (int sweep = 1; ; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += Math.abs(s[p * n + q]);
                }
            }
            if (off == 0) {
                break;
            }
            if (sweep > MAX_SWEEPS) {
                throw new ArithmeticException("symmetric eigen-decomposition (Jacobi) did not converge in "
                        + MAX_SWEEPS + " sweeps; the matrix may hold values too large to square");
            }
            // During the first sweeps only rotate large elements (cheaper, same result).
            double threshold = sweep < 4 ? 0.2 * off / ((double) n * n) : 0.0;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotateIfNeeded(s, v, n, p, q, sweep, threshold);
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = s[i * n + i];
        }
        return sortAscending(values, v, n);
    }

    private static void rotateIfNeeded(double[] s, double[] v, int n, int p, int q, int sweep, double threshold) {
        double apq = s[p * n + q];
        double app = s[p * n + p];
        double aqq = s[q * n + q];
        double g = 100.0 * Math.abs(apq);
        // After four sweeps, an element below the rounding level of both diagonal entries is set to
        // zero outright: rotating it would change nothing representable.
        if (sweep > 4 && Math.abs(app) + g == Math.abs(app) && Math.abs(aqq) + g == Math.abs(aqq)) {
            s[p * n + q] = 0;
            s[q * n + p] = 0;
            return;
        }
        if (Math.abs(apq) <= threshold) {
            return;
        }
        double h = aqq - app;
        double t;
        if (Math.abs(h) + g == Math.abs(h)) {
            t = apq / h;                               // theta huge: t = 1 / (2 theta)
        } else {
            double theta = 0.5 * h / apq;
            t = 1.0 / (Math.abs(theta) + Math.sqrt(1.0 + theta * theta));
            if (theta < 0) {
                t = -t;
            }
        }
        double c = 1.0 / Math.sqrt(1 + t * t);
        double sn = t * c;
        double tau = sn / (1.0 + c);
        double delta = t * apq;
        s[p * n + p] = app - delta;
        s[q * n + q] = aqq + delta;
        s[p * n + q] = 0;
        s[q * n + p] = 0;
        // The rotation J(p, q)' A J(p, q) changes rows and columns p and q only; written in the
        // tau form (x' = x - sn (y + tau x)) that loses less to cancellation.
        for (int r = 0; r < n; r++) {
            if (r == p || r == q) {
                continue;
            }
            double arp = s[r * n + p];
            double arq = s[r * n + q];
            double nrp = arp - sn * (arq + tau * arp);
            double nrq = arq + sn * (arp - tau * arq);
            s[r * n + p] = nrp;
            s[p * n + r] = nrp;
            s[r * n + q] = nrq;
            s[q * n + r] = nrq;
        }
        if (v != null) {
            for (int r = 0; r < n; r++) {
                double vrp = v[r * n + p];
                double vrq = v[r * n + q];
                v[r * n + p] = vrp - sn * (vrq + tau * vrp);
                v[r * n + q] = vrq + sn * (vrp - tau * vrq);
            }
        }
    }

    /** Sorts eigenvalues ascending and permutes the eigenvector columns with them. */
    private static SymmetricEigen sortAscending(double[] values, double[] v, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] sortedValues = new double[n];
        double[] sortedVectors = v == null ? null : new double[n * n];
        for (int j = 0; j < n; j++) {
            int from = order[j];
            sortedValues[j] = values[from];
            if (v != null) {
                for (int i = 0; i < n; i++) {
                    sortedVectors[i * n + j] = v[i * n + from];
                }
            }
        }
        return new SymmetricEigen(sortedValues, sortedVectors, n);
    }
}

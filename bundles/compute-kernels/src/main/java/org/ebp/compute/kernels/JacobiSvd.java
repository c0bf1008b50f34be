package org.ebp.compute.kernels;

import org.ebp.api.compute.SingularValues;

/**
 * One-sided Jacobi SVD (Hestenes' method; Demmel and Veselic 1992): plane rotations applied to
 * the columns of A until every pair of columns is orthogonal. The column norms are then the
 * singular values, the normalised columns are U, and the accumulated rotations are V. It reaches
 * high relative accuracy, which suits a reference provider; cost is a few sweeps of about
 * 6 m n^2 flops each.
 *
 * <p>Columns are kept as contiguous rows of the transposed matrix, so every inner loop runs over
 * consecutive memory.
 */
public final class JacobiSvd {

    private static final int MAX_SWEEPS = 100;
    private static final double EPS = Math.ulp(1.0);

    private JacobiSvd() {
    }

    /** Thin SVD of the row-major m x n matrix {@code a} (not modified). */
    public static SingularValues decompose(double[] a, int m, int n) {
        if (m >= n) {
            Factors f = orthogonalizeColumns(a, m, n, false);
            return new SingularValues(f.left, f.values, f.right, m, n);
        }
        // A' = V S U': decompose the transpose, whose columns are the rows of A, and swap U and V.
        Factors f = orthogonalizeColumns(a, m, n, true);
        return new SingularValues(f.right, f.values, f.left, m, n);
    }

    /** left: rows x r row-major, right: cols x r row-major, with r = cols of the decomposed matrix. */
    private record Factors(double[] left, double[] values, double[] right) {
    }

    /**
     * Decomposes B = A (transposed = false, B is m x n) or B = A' (transposed = true, B is n x m);
     * B must have at least as many rows as columns.
     */
    private static Factors orthogonalizeColumns(double[] a, int m, int n, boolean transposed) {
        int rows = transposed ? n : m;
        int cols = transposed ? m : n;
        // w holds B' (cols x rows): row j of w is column j of B.
        double[] w = new double[cols * rows];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (transposed) {
                    w[i * n + j] = a[i * n + j];        // column i of A' is row i of A
                } else {
                    w[j * m + i] = a[i * n + j];
                }
            }
        }
        // vt holds V' (cols x cols): row j of vt is column j of V.
        double[] vt = new double[cols * cols];
        for (int j = 0; j < cols; j++) {
            vt[j * cols + j] = 1;
        }
        boolean rotated = true;
        for (int sweep = 0; rotated; sweep++) {
            if (sweep == MAX_SWEEPS) {
                throw new ArithmeticException("SVD (one-sided Jacobi) did not converge in " + MAX_SWEEPS
                        + " sweeps; the matrix may hold values too large to square");
            }
            rotated = false;
            for (int p = 0; p < cols - 1; p++) {
                for (int q = p + 1; q < cols; q++) {
                    rotated |= orthogonalizePair(w, vt, rows, cols, p, q);
                }
            }
        }
        double[] norms = new double[cols];
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                double x = w[j * rows + i];
                s += x * x;
            }
            norms[j] = Math.sqrt(s);
        }
        Integer[] order = new Integer[cols];
        for (int j = 0; j < cols; j++) {
            order[j] = j;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(norms[y], norms[x]));
        double[] values = new double[cols];
        double[] left = new double[rows * cols];
        double[] right = new double[cols * cols];
        boolean[] defined = new boolean[cols];
        for (int j = 0; j < cols; j++) {
            int from = order[j];
            double s = norms[from];
            values[j] = s;
            for (int i = 0; i < cols; i++) {
                right[i * cols + j] = vt[from * cols + i];
            }
            if (s > 0) {
                defined[j] = true;
                for (int i = 0; i < rows; i++) {
                    left[i * cols + j] = w[from * rows + i] / s;
                }
            }
        }
        completeOrthonormalColumns(left, rows, cols, defined);
        return new Factors(left, values, right);
    }

    /**
     * Rotates columns p and q of B (rows p, q of w) so that they become orthogonal, and applies
     * the same rotation to V. Returns false when they already are orthogonal to working precision
     * ({@code |p.q| <= eps sqrt(|p|^2 |q|^2)}), the convergence test of the method.
     */
    private static boolean orthogonalizePair(double[] w, double[] vt, int rows, int cols, int p, int q) {
        int wp = p * rows;
        int wq = q * rows;
        double alpha = 0;
        double beta = 0;
        double gamma = 0;
        for (int i = 0; i < rows; i++) {
            double x = w[wp + i];
            double y = w[wq + i];
            alpha += x * x;
            beta += y * y;
            gamma += x * y;
        }
        if (gamma == 0 || Math.abs(gamma) <= EPS * Math.sqrt(alpha * beta)) {
            return false;
        }
        // Choose the rotation angle that diagonalises [[alpha, gamma], [gamma, beta]].
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Math.signum(zeta) / (Math.abs(zeta) + Math.hypot(1, zeta));   // smaller root of t^2 + 2 zeta t - 1
        if (zeta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(1 + t * t);
        double s = c * t;
        for (int i = 0; i < rows; i++) {
            double x = w[wp + i];
            double y = w[wq + i];
            w[wp + i] = c * x - s * y;
            w[wq + i] = s * x + c * y;
        }
        int vp = p * cols;
        int vq = q * cols;
        for (int i = 0; i < cols; i++) {
            double x = vt[vp + i];
            double y = vt[vq + i];
            vt[vp + i] = c * x - s * y;
            vt[vq + i] = s * x + c * y;
        }
        return true;
    }

    /**
     * Fills the columns of U that belong to zero singular values (their direction is arbitrary)
     * with unit vectors orthogonal to all others, so that U keeps orthonormal columns. Each is a
     * coordinate vector with the other columns projected out twice (Gram-Schmidt, twice is enough).
     */
    private static void completeOrthonormalColumns(double[] u, int rows, int cols, boolean[] defined) {
        int candidate = 0;
        for (int j = 0; j < cols; j++) {
            if (defined[j]) {
                continue;
            }
            while (true) {
                if (candidate >= rows) {
                    throw new IllegalStateException("no coordinate vector left to complete U; rows < cols");
                }
                double[] x = new double[rows];
                x[candidate++] = 1;
                for (int pass = 0; pass < 2; pass++) {
                    for (int other = 0; other < cols; other++) {
                        if (!defined[other]) {
                            continue;
                        }
                        double dot = 0;
                        for (int i = 0; i < rows; i++) {
                            dot += u[i * cols + other] * x[i];
                        }
                        for (int i = 0; i < rows; i++) {
                            x[i] -= dot * u[i * cols + other];
                        }
                    }
                }
                double norm = 0;
                for (double xi : x) {
                    norm += xi * xi;
                }
                norm = Math.sqrt(norm);
                // A coordinate vector nearly inside the span left too little to normalise safely.
                if (norm > 0.5) {
                    for (int i = 0; i < rows; i++) {
                        u[i * cols + j] = x[i] / norm;
                    }
                    defined[j] = true;
                    break;
                }
            }
        }
    }
}

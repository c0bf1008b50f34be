package org.ebp.compute.kernels;

/**
 * Pure-Java matrix products on row-major flat arrays, written so that the JIT can vectorise the
 * inner loops. Arguments are assumed checked ({@link ArgumentChecks}); C must not overlap A, B
 * (or x, y for gemv).
 *
 * <p>Loop orders follow the memory layout:
 * <ul>
 *   <li>op(B) = B (NN, TN): i-k-j order, {@code C(i,:) += alpha op(A)(i,p) B(p,:)}, an axpy over
 *       a contiguous row of B and of C, blocked over p and j so that a panel of B stays in cache
 *       while every row of C passes over it.</li>
 *   <li>op(B) = B' (NT, TT): each C(i,j) is a dot product with row j of B, which is contiguous;
 *       four columns of C are computed at once so that each element of A is loaded once per four
 *       multiply-adds.</li>
 * </ul>
 * As in the reference BLAS, beta = 0 overwrites C (NaN or garbage in C does not propagate) and
 * zero elements of op(A) in the i-k-j order are skipped.
 */
public final class GemmKernels {

    /** Rows of B per panel in the i-k-j order: 128 x 256 doubles = 256 KiB, about an L2 cache. */
    private static final int PANEL_ROWS = 128;
    /** Columns of B and C per panel: 256 doubles = 2 KiB of a C row, which stays in L1. */
    private static final int PANEL_COLS = 256;

    private GemmKernels() {
    }

    /** {@code C = alpha op(A) op(B) + beta C}, double precision, row-major. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        scale(m, n, beta, c, cOff, ldc);
        if (alpha == 0 || k == 0) {
            return;
        }
        if (!transB) {
            for (int p0 = 0; p0 < k; p0 += PANEL_ROWS) {
                int p1 = Math.min(k, p0 + PANEL_ROWS);
                for (int j0 = 0; j0 < n; j0 += PANEL_COLS) {
                    int j1 = Math.min(n, j0 + PANEL_COLS);
                    int i = 0;
                    // Four rows of C per pass over the panel: each element of B loaded feeds four
                    // multiply-adds, which halves the memory traffic of the one-row loop below.
                    for (; i + 3 < m; i += 4) {
                        int c0 = cOff + i * ldc;
                        int c1 = c0 + ldc;
                        int c2 = c1 + ldc;
                        int c3 = c2 + ldc;
                        for (int p = p0; p < p1; p++) {
                            double a0 = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                            double a1 = alpha * (transA ? a[aOff + p * lda + i + 1] : a[aOff + (i + 1) * lda + p]);
                            double a2 = alpha * (transA ? a[aOff + p * lda + i + 2] : a[aOff + (i + 2) * lda + p]);
                            double a3 = alpha * (transA ? a[aOff + p * lda + i + 3] : a[aOff + (i + 3) * lda + p]);
                            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                                continue;
                            }
                            int bp = bOff + p * ldb;
                            for (int j = j0; j < j1; j++) {
                                double bpj = b[bp + j];
                                c[c0 + j] += a0 * bpj;
                                c[c1 + j] += a1 * bpj;
                                c[c2 + j] += a2 * bpj;
                                c[c3 + j] += a3 * bpj;
                            }
                        }
                    }
                    for (; i < m; i++) {
                        int ci = cOff + i * ldc;
                        for (int p = p0; p < p1; p++) {
                            double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                            if (aip == 0) {
                                continue;
                            }
                            aip *= alpha;
                            int bp = bOff + p * ldb;
                            for (int j = j0; j < j1; j++) {
                                c[ci + j] += aip * b[bp + j];
                            }
                        }
                    }
                }
            }
            return;
        }
        // op(B) = B': C(i,j) = sum_p op(A)(i,p) B(j,p); row j of B is contiguous in p.
        int aRowStep = transA ? lda : 1;          // step in p along op(A)(i, .)
        for (int i = 0; i < m; i++) {
            int ai = aOff + (transA ? i : i * lda);
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0, ap = ai; p < k; p++, ap += aRowStep) {
                    double aip = a[ap];
                    s0 += aip * b[b0 + p];
                    s1 += aip * b[b1 + p];
                    s2 += aip * b[b2 + p];
                    s3 += aip * b[b3 + p];
                }
                c[ci + j] += alpha * s0;
                c[ci + j + 1] += alpha * s1;
                c[ci + j + 2] += alpha * s2;
                c[ci + j + 3] += alpha * s3;
            }
            for (; j < n; j++) {
                int bj = bOff + j * ldb;
                double s = 0;
                for (int p = 0, ap = ai; p < k; p++, ap += aRowStep) {
                    s += a[ap] * b[bj + p];
                }
                c[ci + j] += alpha * s;
            }
        }
    }

    /** Single-precision {@link #dgemm}; sums are accumulated in float, as a float BLAS does. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        scale(m, n, beta, c, cOff, ldc);
        if (alpha == 0 || k == 0) {
            return;
        }
        if (!transB) {
            for (int p0 = 0; p0 < k; p0 += PANEL_ROWS) {
                int p1 = Math.min(k, p0 + PANEL_ROWS);
                for (int j0 = 0; j0 < n; j0 += PANEL_COLS) {
                    int j1 = Math.min(n, j0 + PANEL_COLS);
                    int i = 0;
                    // Four rows of C per pass over the panel: each element of B loaded feeds four
                    // multiply-adds, which halves the memory traffic of the one-row loop below.
                    for (; i + 3 < m; i += 4) {
                        int c0 = cOff + i * ldc;
                        int c1 = c0 + ldc;
                        int c2 = c1 + ldc;
                        int c3 = c2 + ldc;
                        for (int p = p0; p < p1; p++) {
                            float a0 = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                            float a1 = alpha * (transA ? a[aOff + p * lda + i + 1] : a[aOff + (i + 1) * lda + p]);
                            float a2 = alpha * (transA ? a[aOff + p * lda + i + 2] : a[aOff + (i + 2) * lda + p]);
                            float a3 = alpha * (transA ? a[aOff + p * lda + i + 3] : a[aOff + (i + 3) * lda + p]);
                            if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                                continue;
                            }
                            int bp = bOff + p * ldb;
                            for (int j = j0; j < j1; j++) {
                                float bpj = b[bp + j];
                                c[c0 + j] += a0 * bpj;
                                c[c1 + j] += a1 * bpj;
                                c[c2 + j] += a2 * bpj;
                                c[c3 + j] += a3 * bpj;
                            }
                        }
                    }
                    for (; i < m; i++) {
                        int ci = cOff + i * ldc;
                        for (int p = p0; p < p1; p++) {
                            float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                            if (aip == 0) {
                                continue;
                            }
                            aip *= alpha;
                            int bp = bOff + p * ldb;
                            for (int j = j0; j < j1; j++) {
                                c[ci + j] += aip * b[bp + j];
                            }
                        }
                    }
                }
            }
            return;
        }
        int aRowStep = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + (transA ? i : i * lda);
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                int b0 = bOff + j * ldb;
                int b1 = b0 + ldb;
                int b2 = b1 + ldb;
                int b3 = b2 + ldb;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int p = 0, ap = ai; p < k; p++, ap += aRowStep) {
                    float aip = a[ap];
                    s0 += aip * b[b0 + p];
                    s1 += aip * b[b1 + p];
                    s2 += aip * b[b2 + p];
                    s3 += aip * b[b3 + p];
                }
                c[ci + j] += alpha * s0;
                c[ci + j + 1] += alpha * s1;
                c[ci + j + 2] += alpha * s2;
                c[ci + j + 3] += alpha * s3;
            }
            for (; j < n; j++) {
                int bj = bOff + j * ldb;
                float s = 0;
                for (int p = 0, ap = ai; p < k; p++, ap += aRowStep) {
                    s += a[ap] * b[bj + p];
                }
                c[ci + j] += alpha * s;
            }
        }
    }

    /** {@code y = alpha op(A) x + beta y}, A stored m x n row-major. */
    public static void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
                      double[] x, int xOff, double beta, double[] y, int yOff) {
        int yLen = transA ? n : m;
        int xLen = transA ? m : n;
        if (yLen == 0) {
            return;
        }
        scale(1, yLen, beta, y, yOff, yLen);
        if (alpha == 0 || xLen == 0) {
            return;
        }
        if (!transA) {
            // y_i += alpha * (row i of A) . x, four partial sums for instruction-level parallelism.
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * lda;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int j = 0;
                for (; j + 3 < n; j += 4) {
                    s0 += a[ai + j] * x[xOff + j];
                    s1 += a[ai + j + 1] * x[xOff + j + 1];
                    s2 += a[ai + j + 2] * x[xOff + j + 2];
                    s3 += a[ai + j + 3] * x[xOff + j + 3];
                }
                for (; j < n; j++) {
                    s0 += a[ai + j] * x[xOff + j];
                }
                y[yOff + i] += alpha * ((s0 + s1) + (s2 + s3));
            }
        } else {
            // y += alpha * x_i * (row i of A): an axpy over contiguous rows.
            for (int i = 0; i < m; i++) {
                double axi = alpha * x[xOff + i];
                if (axi == 0) {
                    continue;
                }
                int ai = aOff + i * lda;
                for (int j = 0; j < n; j++) {
                    y[yOff + j] += axi * a[ai + j];
                }
            }
        }
    }

    /** C = beta C over an m x n region; beta = 0 writes zeros without reading C. */
    private static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
    }

    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
        }
    }
}

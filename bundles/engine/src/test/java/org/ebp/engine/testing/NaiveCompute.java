package org.ebp.engine.testing;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;

/** Test double: textbook triple loops for the products, following the row-major contract. */
public final class NaiveCompute implements ComputeService {

    private final String name;

    public NaiveCompute() {
        this("naive");
    }

    public NaiveCompute(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "triple loops (test double)";
    }

    @Override
    public String library() {
        return "plain Java loops";
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int idx = cOff + i * ldc + j;
                // BLAS semantics: with beta = 0 the old content of C is not read (it may be NaN)
                c[idx] = beta == 0 ? alpha * s : alpha * s + beta * c[idx];
            }
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int idx = cOff + i * ldc + j;
                c[idx] = beta == 0 ? alpha * s : alpha * s + beta * c[idx];
            }
        }
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                      double beta, double[] y, int yOff) {
        int rows = transA ? n : m;
        int cols = transA ? m : n;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < cols; j++) {
                s += (transA ? a[aOff + j * lda + i] : a[aOff + i * lda + j]) * x[xOff + j];
            }
            y[yOff + i] = beta == 0 ? alpha * s : alpha * s + beta * y[yOff + i];
        }
    }

    @Override
    public SymmetricEigen symmetricEigen(double[] a, int n) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public double[] symmetricEigenvalues(double[] a, int n) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public SingularValues svd(double[] a, int m, int n) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public double[] solve(double[] a, int n, double[] b, int nrhs) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        throw new UnsupportedOperationException("not needed by the engine tests");
    }
}

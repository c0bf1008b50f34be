package org.ebp.engine.data;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;

/**
 * A small, slow, obviously correct {@link ComputeService} for the engine data tests, so that they do
 * not depend on the jblas bundle: naive {@code dgemm} and a cyclic Jacobi eigen-solver. Only the
 * operations the decorrelating transforms call are implemented.
 */
public final class JacobiTestCompute implements ComputeService {

    int dgemmCalls;

    @Override
    public String name() {
        return "jacobi-test";
    }

    @Override
    public String description() {
        return "test double: naive dgemm and Jacobi eigen-decomposition";
    }

    @Override
    public String library() {
        return "plain Java (tests)";
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        dgemmCalls++;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += aip * bpj;
                }
                int at = cOff + i * ldc + j;
                c[at] = alpha * sum + (beta == 0 ? 0 : beta * c[at]);
            }
        }
    }

    @Override
    public SymmetricEigen symmetricEigen(double[] matrix, int n) {
        double[] a = java.util.Arrays.copyOf(matrix, n * n);
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    norm += a[i * n + j] * a[i * n + j];
                    if (i != j) {
                        off += a[i * n + j] * a[i * n + j];
                    }
                }
            }
            if (off <= 1e-32 * norm) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    // Rotation angle that zeroes a_pq (Numerical Recipes, section 11.1).
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < n; r++) {
                        double arp = a[r * n + p];
                        double arq = a[r * n + q];
                        a[r * n + p] = c * arp - s * arq;
                        a[r * n + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++) {
                        double apr = a[p * n + r];
                        double aqr = a[q * n + r];
                        a[p * n + r] = c * apr - s * aqr;
                        a[q * n + r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < n; r++) {
                        double vrp = v[r * n + p];
                        double vrq = v[r * n + q];
                        v[r * n + p] = c * vrp - s * vrq;
                        v[r * n + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = a[i * n + i];
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[x], diag[y]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int col = 0; col < n; col++) {
            values[col] = diag[order[col]];
            for (int r = 0; r < n; r++) {
                vectors[r * n + col] = v[r * n + order[col]];
            }
        }
        return new SymmetricEigen(values, vectors, n);
    }

    @Override
    public double[] symmetricEigenvalues(double[] a, int n) {
        return symmetricEigen(a, n).values();
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        throw new UnsupportedOperationException("not used by the transform tests");
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda, double[] x, int xOff,
                      double beta, double[] y, int yOff) {
        throw new UnsupportedOperationException("not used by the transform tests");
    }

    @Override
    public SingularValues svd(double[] a, int m, int n) {
        throw new UnsupportedOperationException("not used by the transform tests");
    }

    @Override
    public double[] solve(double[] a, int n, double[] b, int nrhs) {
        throw new UnsupportedOperationException("not used by the transform tests");
    }

    @Override
    public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        throw new UnsupportedOperationException("not used by the transform tests");
    }
}

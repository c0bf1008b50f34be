package org.ebp.compute.kernels;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;

/**
 * The pure-Java {@link ComputeService}: no native code, same results as the native providers up
 * to rounding. The compute bundles embed this package privately: the jblas bundle registers it as
 * the provider {@code java} (service ranking 0), and the native providers delegate to it for
 * small products and when no native library loads.
 *
 * <p>Algorithms: blocked i-k-j loops for gemm/gemv ({@link GemmKernels}), cyclic Jacobi for the
 * symmetric eigenproblem ({@link JacobiEigen}), one-sided Jacobi for the SVD ({@link JacobiSvd}),
 * LU with partial pivoting and Cholesky for solves ({@link DirectSolvers}). Products run at a
 * few GFLOP/s on one core; the Jacobi decompositions are O(n^3) with a large constant, fine for
 * the hundreds of unknowns a second-order method or a PCA of input features needs.
 *
 * <p>Usable outside OSGi with {@code new JavaCompute()}. Thread-safe: it holds no state. Not
 * final, so that a bundle can register it under its own component class.
 */
public class JavaCompute implements ComputeService {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "pure Java reference provider, slow (no native BLAS; Jacobi eigen/SVD, LU, Cholesky)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public String library() {
        return "pure Java (reference loops, no native BLAS)";
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        ArgumentChecks.checkGemm("dgemm", transA, transB, m, n, k, a, a == null ? 0 : a.length, aOff, lda,
                b, b == null ? 0 : b.length, bOff, ldb, c, c == null ? 0 : c.length, cOff, ldc);
        GemmKernels.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        ArgumentChecks.checkGemm("sgemm", transA, transB, m, n, k, a, a == null ? 0 : a.length, aOff, lda,
                b, b == null ? 0 : b.length, bOff, ldb, c, c == null ? 0 : c.length, cOff, ldc);
        GemmKernels.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
                      double[] x, int xOff, double beta, double[] y, int yOff) {
        ArgumentChecks.checkGemv("dgemv", transA, m, n, a, a == null ? 0 : a.length, aOff, lda,
                x, x == null ? 0 : x.length, xOff, y, y == null ? 0 : y.length, yOff);
        GemmKernels.dgemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    @Override
    public SymmetricEigen symmetricEigen(double[] a, int n) {
        ArgumentChecks.checkDenseFinite("symmetricEigen", "A", a, n, n);
        SymmetricEigen e = JacobiEigen.decompose(ArgumentChecks.symmetricPart(a, n), n, true);
        VectorSigns.normalise(e.vectors(), n, n, null, 0);
        return e;
    }

    @Override
    public double[] symmetricEigenvalues(double[] a, int n) {
        ArgumentChecks.checkDenseFinite("symmetricEigenvalues", "A", a, n, n);
        return JacobiEigen.decompose(ArgumentChecks.symmetricPart(a, n), n, false).values();
    }

    @Override
    public SingularValues svd(double[] a, int m, int n) {
        ArgumentChecks.checkDenseFinite("svd", "A", a, m, n);
        SingularValues s = JacobiSvd.decompose(a, m, n);
        VectorSigns.normalise(s.u(), m, Math.min(m, n), s.v(), n);
        return s;
    }

    @Override
    public double[] solve(double[] a, int n, double[] b, int nrhs) {
        ArgumentChecks.checkDenseFinite("solve", "A", a, n, n);
        ArgumentChecks.checkDenseFinite("solve", "B", b, n, nrhs);
        return DirectSolvers.solveLu(a, n, b, nrhs);
    }

    @Override
    public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        ArgumentChecks.checkDenseFinite("solveSymmetricPositive", "A", a, n, n);
        ArgumentChecks.checkDenseFinite("solveSymmetricPositive", "B", b, n, nrhs);
        return DirectSolvers.solveCholesky(ArgumentChecks.symmetricPart(a, n), n, b, nrhs);
    }

    /** One: every call runs on the caller's thread. */
    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String toString() {
        return "compute " + name() + ": " + library();
    }
}

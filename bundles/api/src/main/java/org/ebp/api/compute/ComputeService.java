package org.ebp.api.compute;

import org.ebp.api.component.Component;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Dense linear algebra on flat arrays, so that no other bundle touches a BLAS. Registered with
 * {@code ebp.kind=compute}; the engine takes the one with the highest service ranking unless a
 * user names one.
 *
 * <p><b>Layout.</b> Every matrix is <em>row-major</em> in a flat array: element (i, j) of a
 * matrix stored at offset {@code off} with leading dimension (row stride) {@code ld} is
 * {@code a[off + i * ld + j]}. Transposes are flags, never copies.
 *
 * <p>Implementations must be thread-safe (they hold no per-call state).
 */
@ConsumerType
public interface ComputeService extends Component {

    /** One line naming the implementation and the native library it loaded, e.g. "jblas 1.2.5, system libjblas.so (OpenBLAS)". */
    String library();

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} in double precision, where op(A) is m x k,
     * op(B) is k x n and C is m x n.
     */
    void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc);

    /** Single-precision {@link #dgemm}. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** {@code y = alpha * op(A) * x + beta * y}, A stored m x n (before op). */
    void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
               double[] x, int xOff, double beta, double[] y, int yOff);

    /**
     * Eigen-decomposition of a symmetric n x n matrix (row-major; only symmetry is assumed, the
     * matrix is not modified).
     *
     * @return eigenvalues in ascending order and the matching orthonormal eigenvectors
     * @throws IllegalArgumentException if the array is too short or holds NaN/Inf
     */
    SymmetricEigen symmetricEigen(double[] a, int n);

    /** Eigenvalues only of a symmetric n x n matrix, ascending. */
    double[] symmetricEigenvalues(double[] a, int n);

    /** Thin singular value decomposition of an m x n matrix. */
    SingularValues svd(double[] a, int m, int n);

    /**
     * Solves {@code A X = B} for a general n x n matrix A (LU with pivoting); B is n x nrhs,
     * row-major. Neither input is modified.
     *
     * @throws ArithmeticException if A is singular
     */
    double[] solve(double[] a, int n, double[] b, int nrhs);

    /**
     * Solves {@code A X = B} for a symmetric positive definite A by Cholesky.
     *
     * @throws ArithmeticException if A is not positive definite
     */
    double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs);

    /**
     * The most threads this provider's products run on (its own pool, counting the caller's
     * thread); 1 for a provider that computes on the calling thread only, 0 when the provider
     * cannot tell (a native library whose threads it does not control).
     *
     * @since 1.1
     */
    default int threads() {
        return 0;
    }

    /**
     * Limits the threads this provider's products run on, for the whole process, and returns the
     * previous limit (as {@link #threads()} reported it). A caller that runs several
     * computations in parallel itself (a parameter sweep, data-parallel batches) first calls
     * {@code setThreads(1)}, so that its threads and the BLAS pool do not fight over the cores,
     * and restores the old limit afterwards. Providers without threads of their own ignore it.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     * @since 1.1
     */
    default int setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("compute threads must be >= 1, got " + threads);
        }
        return threads();
    }
}

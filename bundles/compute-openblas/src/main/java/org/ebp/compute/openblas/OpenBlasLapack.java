package org.ebp.compute.openblas;

import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import org.bytedeco.openblas.global.openblas;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;
import org.ebp.compute.kernels.ArgumentChecks;
import org.ebp.compute.kernels.DirectSolvers;
import org.ebp.compute.kernels.LargeStackCaller;
import org.ebp.compute.kernels.VectorSigns;

/**
 * The decompositions through OpenBLAS's LAPACKE in row-major layout, so the results come out in
 * this API's layout. Inputs are checked (finite, large enough) by the caller; every routine works
 * on its own copy, which JavaCPP's array calls copy again (the O(n^2) copies are small next to
 * the O(n^3) work). Each call runs on a thread with a large stack ({@link LargeStackCaller}),
 * because OpenBLAS's threaded LU keeps a job table of several MiB on the stack.
 */
final class OpenBlasLapack {

    private final BlasThreads threads;

    OpenBlasLapack(BlasThreads threads) {
        this.threads = threads;
    }

    /** dsyevr on the symmetric part; eigenvalues ascending; vectors in columns when wanted. */
    SymmetricEigen symmetricEigen(double[] a, int n, boolean withVectors) {
        double[] s = ArgumentChecks.symmetricPart(a, n);
        double[] values = new double[n];
        double[] z = new double[withVectors ? n * n : 1];
        int[] found = new int[1];
        int info = call("dsyevr", () -> openblas.LAPACKE_dsyevr(LAPACK_ROW_MAJOR, (byte) (withVectors ? 'V' : 'N'),
                (byte) 'A', (byte) 'U', n, s, n, 0, 0, 0, 0, 0.0, found, values, z, withVectors ? n : 1, new int[2 * n]));
        if (info != 0 || found[0] != n) {
            throw new ArithmeticException("symmetric eigen-decomposition failed in LAPACK dsyevr (info " + info
                    + ", " + found[0] + " of " + n + " eigenvalues); the matrix may be badly scaled, "
                    + "try the 'java' compute provider");
        }
        if (!withVectors) {
            return new SymmetricEigen(values, null, n);
        }
        VectorSigns.normalise(z, n, n, null, 0);
        return new SymmetricEigen(values, z, n);
    }

    /** dgesvd, thin: U m x r, V n x r, r = min(m, n). */
    SingularValues svd(double[] a, int m, int n) {
        int r = Math.min(m, n);
        double[] work = java.util.Arrays.copyOf(a, m * n);     // dgesvd destroys its input
        double[] s = new double[r];
        double[] u = new double[m * r];
        double[] vt = new double[r * n];
        double[] superb = new double[Math.max(1, r - 1)];
        int info = call("dgesvd", () -> openblas.LAPACKE_dgesvd(LAPACK_ROW_MAJOR, (byte) 'S', (byte) 'S', m, n,
                work, n, s, u, r, vt, n, superb));
        if (info != 0) {
            throw new ArithmeticException("SVD failed in LAPACK dgesvd (info " + info
                    + ": the bidiagonal QR iteration did not converge); try the 'java' compute provider");
        }
        double[] v = new double[n * r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < n; j++) {
                v[j * r + i] = vt[i * n + j];
            }
        }
        VectorSigns.normalise(u, m, r, v, n);
        return new SingularValues(u, s, v, m, n);
    }

    /**
     * dgesv (LU with partial pivoting). dgesv stops only at an exactly zero pivot, so the pivots
     * are then checked against the Java provider's relative threshold {@code n eps max|a_ij|}.
     */
    double[] solve(double[] a, int n, double[] b, int nrhs) {
        double[] lu = java.util.Arrays.copyOf(a, n * n);
        double[] x = java.util.Arrays.copyOf(b, n * nrhs);
        double tiny = ArgumentChecks.singularPivotThreshold(n, ArgumentChecks.maxAbs(lu, n * n));
        int info = call("dgesv", () -> openblas.LAPACKE_dgesv(LAPACK_ROW_MAJOR, n, nrhs, lu, n, new int[n], x, nrhs));
        if (info > 0) {
            throw DirectSolvers.singular(n, info - 1, 0.0, tiny);    // U(info, info) is exactly zero
        }
        if (info < 0) {
            throw new IllegalStateException("LAPACK dgesv rejected argument " + (-info));
        }
        for (int i = 0; i < n; i++) {
            double pivot = Math.abs(lu[i * n + i]);
            if (pivot <= tiny) {
                throw DirectSolvers.singular(n, i, pivot, tiny);
            }
        }
        return x;
    }

    /** dposv (Cholesky) on the symmetric part. */
    double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        double[] s = ArgumentChecks.symmetricPart(a, n);
        double[] x = java.util.Arrays.copyOf(b, n * nrhs);
        int info = call("dposv", () -> openblas.LAPACKE_dposv(LAPACK_ROW_MAJOR, (byte) 'U', n, nrhs, s, n, x, nrhs));
        if (info > 0) {
            throw DirectSolvers.notPositiveDefinite(n, info);
        }
        if (info < 0) {
            throw new IllegalStateException("LAPACK dposv rejected argument " + (-info));
        }
        return x;
    }

    private int call(String name, java.util.function.IntSupplier routine) {
        return LargeStackCaller.call(name, () -> {
            long stamp = threads.enter();
            try {
                return routine.getAsInt();
            } finally {
                threads.exit(stamp);
            }
        });
    }
}

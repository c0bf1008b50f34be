package org.ebp.compute.jblas;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;
import org.ebp.compute.kernels.ArgumentChecks;
import org.ebp.compute.kernels.DirectSolvers;
import org.ebp.compute.kernels.GemmKernels;
import org.ebp.compute.kernels.JavaCompute;
import org.ebp.compute.kernels.LargeStackCaller;
import org.ebp.compute.kernels.VectorSigns;
import org.jblas.NativeBlas;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The default {@link ComputeService}: BLAS and LAPACK through jblas 1.2.5, which this bundle
 * embeds privately.
 *
 * <p><b>Native library.</b> On activation it loads, in this order, the system libjblas.so found
 * on java.library.path (Debian's, linked to OpenBLAS: about four times faster than the bundled
 * one), else jblas's own bundled library, else nothing; {@link #library()} says which. The
 * framework or system property {@value #NATIVE_PROPERTY} = {@code auto|system|bundled|java}
 * restricts the choice ({@link NativeMode}). When no native library loads, one warning line goes
 * to stderr and every call runs the pure-Java kernels of {@link JavaCompute}: slower, never
 * broken.
 *
 * <p><b>Row-major on a column-major BLAS.</b> A row-major m x n matrix read as column-major is
 * its transpose. So {@code C = op(A) op(B)} is computed as the column-major product
 * {@code C' = op(B)' op(A)'}: the same transpose flags, B before A, and m and n swapped. No
 * operand is copied; the offsets go straight to the native call.
 *
 * <p><b>Small problems stay in Java.</b> jblas's JNI layer copies every array passed to it, whole
 * (not just the region used), into native memory on each call, and the output array back again;
 * a call costs about a microsecond besides. Products with a single row or column (online
 * learning, batch size 1), products of fewer than {@value #MIN_NATIVE_VOLUME} multiply-adds, and
 * products whose arrays are large compared with the work (a small view into a big parameter
 * vector) therefore run in Java; so does dgemv, whose O(mn) work never pays for copying the
 * O(mn) matrix. Measured here: a 32^3 product on views into a 10^6-element array took 1.6 ms
 * natively against 0.04 ms in Java; a 1 x 1000 x 1000 one 3 ms against 1.5 ms.
 *
 * <p><b>Decompositions</b> use LAPACK (dsyevr, dgesvd, dgesv, dposv) from order
 * {@value #MIN_LAPACK_ORDER} on, each on a thread with a large stack ({@link LargeStackCaller}:
 * Debian's OpenBLAS overflows a default Java thread stack in dgesv); smaller ones run the Java
 * algorithms, which are quicker there than starting that thread.
 *
 * <p>Thread-safe: after construction it holds only immutable state.
 */
@Component(service = ComputeService.class,
        property = {"ebp.kind=compute", "ebp.name=jblas", "service.ranking:Integer=100"})
public final class JblasComputeService implements ComputeService {

    /** Framework or system property choosing the native library: auto, system, bundled or java. */
    public static final String NATIVE_PROPERTY = "ebp.compute.native";

    /**
     * Fewest multiply-adds (m n k) for which a native gemm beats the Java loops despite the JNI
     * call and copies; measured on the development machine, where the crossover lay between 4^3
     * and 8^3 (8^3: 0.6 us native, 0.9 us Java).
     */
    static final long MIN_NATIVE_VOLUME = 512;

    /**
     * A native gemm must do at least this many multiply-adds per array element that JNI copies
     * (A, B and C in full). Measured: at 2 per element (2 x 1000 x 1000) Java was faster, at 8
     * (8 x 1000 x 1000) native was twice as fast.
     */
    static final long MIN_VOLUME_PER_COPIED_ELEMENT = 3;

    /**
     * Smallest matrix order (min(m, n) for the SVD) sent to LAPACK. Below it the Java algorithms
     * take a few tens of microseconds, about what starting the large-stack thread costs.
     */
    static final int MIN_LAPACK_ORDER = 17;

    private final JavaCompute pureJava = new JavaCompute();
    private final boolean nativeUsable;
    private final String library;

    /**
     * Activation under Declarative Services: reads {@value #NATIVE_PROPERTY} from the framework
     * properties (which fall back to the system properties).
     *
     * @throws IllegalArgumentException if the property names no known mode
     */
    @Activate
    public JblasComputeService(BundleContext context) {
        this(NativeMode.parse(context.getProperty(NATIVE_PROPERTY)));
    }

    /**
     * Creates the provider outside OSGi (tests, tools). A factory rather than a second public
     * constructor, so that callers compile without the OSGi framework API on their class path.
     *
     * @param mode auto, system, bundled or java; null or blank means auto
     * @throws IllegalArgumentException if the mode is unknown
     */
    public static JblasComputeService create(String mode) {
        return new JblasComputeService(NativeMode.parse(mode));
    }

    private JblasComputeService(NativeMode mode) {
        NativeBlasLoader.Status status = NativeBlasLoader.load(mode);
        this.nativeUsable = status.nativeUsable();
        this.library = status.library();
        if (status.warning() != null) {
            // One line, once per activation; a LogService is not part of the runtime.
            System.err.println("WARNING [org.ebp.compute.jblas] " + status.warning());
        }
    }

    @Override
    public String name() {
        return "jblas";
    }

    @Override
    public String description() {
        return "BLAS/LAPACK through jblas " + NativeBlasLoader.JBLAS_VERSION
                + " (native; pure Java when no native library loads)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public String library() {
        return library;
    }

    /** True when calls can go to a native BLAS; false means every call runs in Java. */
    public boolean nativeAvailable() {
        return nativeUsable;
    }

    /**
     * Whether a product of that shape is worth a JNI call (see the class comment); package
     * visible so that the tests can make sure they exercise both paths.
     */
    boolean worthNative(int m, int n, int k, long copiedElements) {
        if (!nativeUsable || m < 2 || n < 2) {
            return false;
        }
        long volume = (long) m * n * k;
        return volume >= MIN_NATIVE_VOLUME && volume >= MIN_VOLUME_PER_COPIED_ELEMENT * copiedElements;
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        int aLen = a == null ? 0 : a.length;
        int bLen = b == null ? 0 : b.length;
        int cLen = c == null ? 0 : c.length;
        ArgumentChecks.checkGemm("dgemm", transA, transB, m, n, k, a, aLen, aOff, lda, b, bLen, bOff, ldb,
                c, cLen, cOff, ldc);
        if (alpha != 0 && worthNative(m, n, k, (long) aLen + bLen + cLen)) {
            // Column-major C' (n x m) = op(B)' op(A)': B first, m and n swapped, flags unchanged.
            NativeBlas.dgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k,
                    alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        } else {
            GemmKernels.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        int aLen = a == null ? 0 : a.length;
        int bLen = b == null ? 0 : b.length;
        int cLen = c == null ? 0 : c.length;
        ArgumentChecks.checkGemm("sgemm", transA, transB, m, n, k, a, aLen, aOff, lda, b, bLen, bOff, ldb,
                c, cLen, cOff, ldc);
        // Floats copy half the bytes of doubles, so the same element count is a safe bound.
        if (alpha != 0 && worthNative(m, n, k, (long) aLen + bLen + cLen)) {
            NativeBlas.sgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k,
                    alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
        } else {
            GemmKernels.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Always runs in Java: a matrix-vector product reads each element of A once, so its cost
     * is the memory traffic, and jblas's JNI layer would add two full copies of A to it.
     */
    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
                      double[] x, int xOff, double beta, double[] y, int yOff) {
        pureJava.dgemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    /**
     * {@inheritDoc}
     *
     * <p>LAPACK dsyevr (relatively robust representations) on the symmetric part
     * {@code (A + A') / 2}; a symmetric matrix reads the same in row- and column-major order, so
     * only the eigenvectors need transposing. Each eigenvector's largest component is positive.
     */
    @Override
    public SymmetricEigen symmetricEigen(double[] a, int n) {
        if (!useLapack(n)) {
            return pureJava.symmetricEigen(a, n);
        }
        ArgumentChecks.checkDenseFinite("symmetricEigen", "A", a, n, n);
        double[] s = ArgumentChecks.symmetricPart(a, n);
        double[] values = new double[n];
        double[] z = new double[n * n];
        LargeStackCaller.call("dsyevr", () -> syevr('V', s, n, values, z));
        double[] vectors = transpose(z, n, n);      // z is column-major: z[i + j n] = v_j(i)
        VectorSigns.normalise(vectors, n, n, null, 0);
        return new SymmetricEigen(values, vectors, n);
    }

    @Override
    public double[] symmetricEigenvalues(double[] a, int n) {
        if (!useLapack(n)) {
            return pureJava.symmetricEigenvalues(a, n);
        }
        ArgumentChecks.checkDenseFinite("symmetricEigenvalues", "A", a, n, n);
        double[] s = ArgumentChecks.symmetricPart(a, n);
        double[] values = new double[n];
        LargeStackCaller.call("dsyevr", () -> syevr('N', s, n, values, new double[1]));
        return values;
    }

    /** True when a decomposition of that order goes to LAPACK (see {@link #MIN_LAPACK_ORDER}). */
    boolean useLapack(int order) {
        return nativeUsable && order >= MIN_LAPACK_ORDER;
    }

    private static Void syevr(char job, double[] s, int n, double[] values, double[] z) {
        int[] found = new int[1];
        int info = NativeBlas.dsyevr(job, 'A', 'U', n, s, 0, n, 0, 0, 0, 0, 0.0, found, 0,
                values, 0, z, 0, job == 'V' ? n : 1, new int[2 * n], 0);
        if (info != 0 || found[0] != n) {
            throw new ArithmeticException("symmetric eigen-decomposition failed in LAPACK dsyevr (info " + info
                    + ", " + found[0] + " of " + n + " eigenvalues); the matrix may be badly scaled, "
                    + "try the 'java' compute provider");
        }
        return null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The row-major m x n A is, read column-major, the n x m matrix A'. LAPACK dgesvd factors
     * that as {@code A' = U1 S V1'}, hence {@code A = V1 S U1'}: U of A is V1, whose transpose
     * dgesvd returns column-major, which is V1 row-major already; V of A is U1, transposed.
     */
    @Override
    public SingularValues svd(double[] a, int m, int n) {
        int r = Math.min(m, n);
        if (!useLapack(r)) {
            return pureJava.svd(a, m, n);
        }
        ArgumentChecks.checkDenseFinite("svd", "A", a, m, n);
        double[] work = java.util.Arrays.copyOf(a, m * n);   // dgesvd destroys its input
        double[] s = new double[r];
        double[] u1 = new double[n * r];
        double[] v1t = new double[r * m];
        int info = LargeStackCaller.call("dgesvd",
                () -> NativeBlas.dgesvd('S', 'S', n, m, work, 0, n, s, 0, u1, 0, n, v1t, 0, r));
        if (info != 0) {
            throw new ArithmeticException("SVD failed in LAPACK dgesvd (info " + info
                    + ": the bidiagonal QR iteration did not converge); try the 'java' compute provider");
        }
        double[] u = v1t;
        double[] v = transpose(u1, r, n);           // u1 column-major n x r -> row-major n x r
        VectorSigns.normalise(u, m, r, v, n);
        return new SingularValues(u, s, v, m, n);
    }

    /**
     * {@inheritDoc}
     *
     * <p>LAPACK dgesv (LU with partial pivoting) on column-major copies. dgesv stops only at an
     * exactly zero pivot, so the pivots are then checked against the same relative threshold the
     * Java provider uses ({@code n * eps * max|a_ij|}).
     */
    @Override
    public double[] solve(double[] a, int n, double[] b, int nrhs) {
        if (!useLapack(n) || nrhs == 0) {
            return pureJava.solve(a, n, b, nrhs);
        }
        ArgumentChecks.checkDenseFinite("solve", "A", a, n, n);
        ArgumentChecks.checkDenseFinite("solve", "B", b, n, nrhs);
        double[] lu = transpose(a, n, n);
        double[] x = transpose(b, n, nrhs);
        double tiny = ArgumentChecks.singularPivotThreshold(n, ArgumentChecks.maxAbs(lu, n * n));
        int info = LargeStackCaller.call("dgesv", () -> NativeBlas.dgesv(n, nrhs, lu, 0, n, new int[n], 0, x, 0, n));
        if (info > 0) {
            throw DirectSolvers.singular(n, info - 1, 0.0, tiny);   // U(info, info) is exactly zero
        }
        for (int i = 0; i < n; i++) {
            double pivot = Math.abs(lu[i * n + i]);
            if (pivot <= tiny) {
                throw DirectSolvers.singular(n, i, pivot, tiny);
            }
        }
        return transpose(x, nrhs, n);
    }

    /** {@inheritDoc} <p>LAPACK dposv (Cholesky) on the symmetric part {@code (A + A') / 2}. */
    @Override
    public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        if (!useLapack(n) || nrhs == 0) {
            return pureJava.solveSymmetricPositive(a, n, b, nrhs);
        }
        ArgumentChecks.checkDenseFinite("solveSymmetricPositive", "A", a, n, n);
        ArgumentChecks.checkDenseFinite("solveSymmetricPositive", "B", b, n, nrhs);
        double[] s = ArgumentChecks.symmetricPart(a, n);
        double[] x = transpose(b, n, nrhs);
        int info = LargeStackCaller.call("dposv", () -> NativeBlas.dposv('U', n, nrhs, s, 0, n, x, 0, n));
        if (info > 0) {
            throw DirectSolvers.notPositiveDefinite(n, info);
        }
        if (info < 0) {
            throw new IllegalStateException("LAPACK dposv rejected argument " + (-info));
        }
        return transpose(x, nrhs, n);
    }

    /** The transpose of the row-major rows x cols matrix {@code m} (also: row- to column-major). */
    private static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return "compute jblas: " + library;
    }
}

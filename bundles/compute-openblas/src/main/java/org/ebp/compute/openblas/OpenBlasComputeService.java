package org.ebp.compute.openblas;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SingularValues;
import org.ebp.api.compute.SymmetricEigen;
import org.ebp.compute.kernels.ArgumentChecks;
import org.ebp.compute.kernels.GemmKernels;
import org.ebp.compute.kernels.JavaCompute;

/**
 * {@link ComputeService} on OpenBLAS 0.3.31 (through JavaCPP), registered as {@code openblas}
 * with service ranking {@value #RANKING}, above jblas, by {@link OpenBlasRegistrar}.
 *
 * <p><b>No copies.</b> A product sent to OpenBLAS runs on the Java arrays, pinned for the call
 * ({@link PinnedProducts}). Where that shim is switched off ({@code -Debp.compute.openblas.pinned=false})
 * or cannot load, it copies exactly the blocks it reads and writes into reused native buffers
 * ({@link OffHeapProducts}): cost in proportion to the block, never the whole array.
 * {@link #description()} says which of the two runs.
 *
 * <p><b>Small products stay in Java</b> ({@link #worthNative}): a native call costs a few
 * microseconds (JNI; on the copying path the block copies too), which products with a single row or column (online
 * learning, batch size 1: a matrix-vector product, bound by memory traffic, where the copy alone
 * would double the traffic), or with little work per copied element, do not repay. dgemv always
 * runs in Java for the same reason.
 *
 * <p><b>Threads.</b> OpenBLAS's pool (one per process, the cores by default) runs large
 * products; {@link #setThreads(int)} changes it for the whole process.
 *
 * <p><b>When the natives do not load</b> (another platform, {@code -Debp.compute.openblas=off},
 * a broken library), {@link #available()} is false, {@link #library()} says why, every call runs
 * in Java, and the registrar gives the service ranking -1 so that jblas is used.
 *
 * <p>Thread-safe: the native buffers are per thread, the thread setting is locked.
 */
public final class OpenBlasComputeService implements ComputeService {

    /** Service ranking when the natives loaded: above jblas (100) and java (0). */
    public static final int RANKING = 200;
    /** Service ranking when they did not: below every working provider, still listed by {@code compute}. */
    public static final int UNAVAILABLE_RANKING = -1;

    /**
     * Fewest multiply-adds (m n k) for a native product: below, the Java loops finish within the
     * few microseconds a native call costs.
     */
    static final long MIN_NATIVE_VOLUME = 16L * 16 * 16;
    /**
     * Fewest multiply-adds per element copied to and from the native buffers (the blocks of A
     * and B, C out, C in when beta != 0). Copying runs at memory speed, about ten times the rate
     * of the Java loops' multiply-adds, so from a few multiply-adds per element on OpenBLAS wins.
     */
    static final long MIN_VOLUME_PER_COPIED_ELEMENT = 4;
    /** Smallest order (min(m, n) for the SVD) sent to LAPACK; below, Java is quicker than the large-stack thread. */
    static final int MIN_LAPACK_ORDER = 17;

    private final JavaCompute java = new JavaCompute();
    private final boolean available;
    private final String library;
    private final BlasThreads threads;
    private final NativeProducts products;
    /** Null when the products run on pinned arrays, else why they copy. */
    private final String copyReason;
    private final OpenBlasLapack lapack;

    OpenBlasComputeService(OpenBlasLoader.Status status, BlasThreads threads) {
        this(status, threads, System.getProperty(PinnedProducts.SWITCH_PROPERTY));
    }

    /** @param pinned the value of {@value PinnedProducts#SWITCH_PROPERTY}: null, true or false */
    OpenBlasComputeService(OpenBlasLoader.Status status, BlasThreads threads, String pinned) {
        this.available = status.available();
        this.library = status.library();
        this.threads = threads;
        PinnedProducts.Choice choice = available
                ? PinnedProducts.choose(pinned, System.getProperty(OpenBlasLoader.CACHE_PROPERTY), threads) : null;
        this.products = available ? choice.products() : null;
        this.copyReason = available ? choice.reason() : null;
        this.lapack = available ? new OpenBlasLapack(threads) : null;
    }

    /**
     * Loads the natives and creates the provider outside OSGi (tests, benchmarks, tools).
     *
     * @param mode {@code auto}, or {@code off} to get the unavailable state
     */
    public static OpenBlasComputeService create(String mode) {
        return create(mode, System.getProperty(PinnedProducts.SWITCH_PROPERTY));
    }

    /**
     * As {@link #create(String)}, with the products' path chosen by {@code pinned}.
     *
     * @param pinned {@code true} (or null) for products on pinned Java arrays, {@code false} for
     *               copied blocks
     */
    public static OpenBlasComputeService create(String mode, String pinned) {
        OpenBlasLoader.Status status = OpenBlasLoader.load(mode, System.getProperty("ebp.user.home"),
                OpenBlasLoader.JAVACPP);
        return new OpenBlasComputeService(status,
                status.available() ? new BlasThreads() : new BlasThreads(() -> 1), pinned);
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public String description() {
        String head = "OpenBLAS " + OpenBlasLoader.OPENBLAS_VERSION + " through JavaCPP: ";
        if (!available) {
            return head + "not loaded, every product runs in Java";
        }
        if (copyReason == null) {
            return head + "products on pinned Java arrays (no copies), small ones run in Java";
        }
        return head + "products on copied blocks in native buffers (pinned arrays: " + copyReason
                + "), small ones run in Java";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public String library() {
        if (!available) {
            return library;
        }
        // `compute` shows this line, so it names the products' path too.
        String path = copyReason == null ? "products on pinned Java arrays"
                : "products on copied blocks (pinned arrays: " + copyReason + ")";
        // the count libopenblas.so.0 itself reports where the shim can ask it, else the one set
        int count = threads.linkedLibraryCount() >= 1 ? threads.linkedLibraryCount() : threads.get();
        return library + ", " + path + ", " + count + (count == 1 ? " thread" : " threads");
    }

    /** True when products sent to OpenBLAS run on pinned Java arrays, not on copies. */
    boolean pinned() {
        return available && copyReason == null;
    }

    /** True when the natives loaded; false means every call runs in Java. */
    public boolean available() {
        return available;
    }

    @Override
    public int threads() {
        return available ? threads.get() : 1;
    }

    @Override
    public int setThreads(int count) {
        if (!available) {
            return ComputeService.super.setThreads(count);
        }
        return threads.set(count);
    }

    /** The thread count libopenblas.so.0 itself reports, or -1 when the shim is not bound to it (for tests). */
    int productsLibraryThreads() {
        return available ? threads.linkedLibraryCount() : -1;
    }

    /** Whether a product of that shape goes to OpenBLAS (see the class comment). */
    boolean worthNative(int m, int n, int k, boolean betaNonZero) {
        if (!available || m < 2 || n < 2) {
            return false;
        }
        long volume = (long) m * n * k;
        long copied = (long) m * k + (long) k * n + (long) m * n * (betaNonZero ? 2 : 1);
        return volume >= MIN_NATIVE_VOLUME && volume >= MIN_VOLUME_PER_COPIED_ELEMENT * copied;
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        ArgumentChecks.checkGemm("dgemm", transA, transB, m, n, k, a, a == null ? 0 : a.length, aOff, lda,
                b, b == null ? 0 : b.length, bOff, ldb, c, c == null ? 0 : c.length, cOff, ldc);
        if (alpha != 0 && worthNative(m, n, k, beta != 0)) {
            products.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            GemmKernels.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        ArgumentChecks.checkGemm("sgemm", transA, transB, m, n, k, a, a == null ? 0 : a.length, aOff, lda,
                b, b == null ? 0 : b.length, bOff, ldb, c, c == null ? 0 : c.length, cOff, ldc);
        if (alpha != 0 && worthNative(m, n, k, beta != 0)) {
            products.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            GemmKernels.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** {@inheritDoc} <p>Always in Java (see the class comment). */
    @Override
    public void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
                      double[] x, int xOff, double beta, double[] y, int yOff) {
        java.dgemv(transA, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
    }

    /** True when a decomposition of that order goes to LAPACK (see {@link #MIN_LAPACK_ORDER}). */
    boolean useLapack(int order) {
        return available && order >= MIN_LAPACK_ORDER;
    }

    @Override
    public SymmetricEigen symmetricEigen(double[] a, int n) {
        if (!useLapack(n)) {
            return java.symmetricEigen(a, n);
        }
        ArgumentChecks.checkDenseFinite("symmetricEigen", "A", a, n, n);
        return lapack.symmetricEigen(a, n, true);
    }

    @Override
    public double[] symmetricEigenvalues(double[] a, int n) {
        if (!useLapack(n)) {
            return java.symmetricEigenvalues(a, n);
        }
        ArgumentChecks.checkDenseFinite("symmetricEigenvalues", "A", a, n, n);
        return lapack.symmetricEigen(a, n, false).values();
    }

    @Override
    public SingularValues svd(double[] a, int m, int n) {
        if (!useLapack(Math.min(m, n))) {
            return java.svd(a, m, n);
        }
        ArgumentChecks.checkDenseFinite("svd", "A", a, m, n);
        return lapack.svd(a, m, n);
    }

    @Override
    public double[] solve(double[] a, int n, double[] b, int nrhs) {
        if (!useLapack(n) || nrhs == 0) {
            return java.solve(a, n, b, nrhs);
        }
        ArgumentChecks.checkDenseFinite("solve", "A", a, n, n);
        ArgumentChecks.checkDenseFinite("solve", "B", b, n, nrhs);
        return lapack.solve(a, n, b, nrhs);
    }

    @Override
    public double[] solveSymmetricPositive(double[] a, int n, double[] b, int nrhs) {
        if (!useLapack(n) || nrhs == 0) {
            return java.solveSymmetricPositive(a, n, b, nrhs);
        }
        ArgumentChecks.checkDenseFinite("solveSymmetricPositive", "A", a, n, n);
        ArgumentChecks.checkDenseFinite("solveSymmetricPositive", "B", b, n, nrhs);
        return lapack.solveSymmetricPositive(a, n, b, nrhs);
    }

    @Override
    public String toString() {
        return "compute openblas: " + library();
    }
}

package org.ebp.compute.openblas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import org.bytedeco.javacpp.Loader;

/**
 * gemm through OpenBLAS's CBLAS on the Java arrays themselves: a JNI shim (src/main/c/pinned_gemm.c,
 * compiled by the build into this bundle) pins A, B and C with GetPrimitiveArrayCritical for the
 * BLAS call alone, so no block is copied in or out. The shim calls the cblas functions of the
 * libopenblas.so.0 JavaCPP loaded (dlopen with RTLD_NOLOAD, then dlsym), never a BLAS of its own.
 * CBLAS row-major with the caller's offsets and leading dimensions writes only the n columns of
 * each of C's m rows, so the gaps between C's rows stay the caller's.
 *
 * <p>While a thread is inside the call the garbage collector waits, so the shim holds nothing
 * else pinned. A product whose C is the same array as A or B (BLAS forbids overlap) goes to the
 * copying path, which reads A and B before writing C.
 *
 * <p>{@link #choose} falls back to {@link OffHeapProducts} when the switch
 * {@value #SWITCH_PROPERTY}{@code =false} is set, when the shim is missing from the bundle or does
 * not load, or when its self-test computes wrongly, and says why in one line.
 */
final class PinnedProducts implements NativeProducts {

    /** Framework or system property: {@code true} (default) or {@code false} for the copying path. */
    static final String SWITCH_PROPERTY = "ebp.compute.openblas.pinned";
    /** The shim, next to this class in the bundle. */
    static final String RESOURCE = "linux-x86_64/libebp-pinned-gemm.so";

    /** The products to use; {@code reason} says why they are not the pinned ones (null if they are). */
    record Choice(NativeProducts products, String reason) {
        boolean pinned() {
            return reason == null;
        }
    }

    /** Null once linked, else why not; linking happens once per class loader. */
    private static String linkFailure = "not linked yet";
    private static boolean linkTried;

    private final BlasThreads threads;
    private final OffHeapProducts copying;

    private PinnedProducts(BlasThreads threads, OffHeapProducts copying) {
        this.threads = threads;
        this.copying = copying;
    }

    /**
     * The pinned products if {@code setting} allows them and the shim links and passes its
     * self-test, else the copying ones with the reason.
     *
     * @param setting the switch's value: null/blank or {@code true}, or {@code false}
     * @param cache   JavaCPP's cache folder, where the shim is extracted
     */
    static Choice choose(String setting, String cache, BlasThreads threads) {
        OffHeapProducts copying = new OffHeapProducts(threads);
        String s = setting == null || setting.isBlank() ? "true" : setting.trim().toLowerCase(Locale.ROOT);
        if (s.equals("false")) {
            if (OpenBlasLoader.foreignOpenBlas(cache).isEmpty() && linkOnce(cache) == null) {
                threads.reachLinkedLibrary(); // the thread count, also for copied blocks
            }
            return new Choice(copying, "switched off by -D" + SWITCH_PROPERTY + "=false");
        }
        if (!s.equals("true")) {
            return new Choice(copying, SWITCH_PROPERTY + "=" + setting.trim() + " is neither true nor false");
        }
        if (!OpenBlasLoader.foreignOpenBlas(cache).isEmpty()) {
            // JavaCPP's bindings run on another OpenBLAS then; the shim must not use a second one.
            return new Choice(copying, "another libopenblas was loaded first");
        }
        String failure = linkOnce(cache);
        if (failure != null) {
            return new Choice(copying, failure);
        }
        threads.reachLinkedLibrary();
        PinnedProducts pinned = new PinnedProducts(threads, copying);
        failure = pinned.selfTest();
        return failure == null ? new Choice(pinned, null) : new Choice(copying, failure);
    }

    /** Extracts and loads the shim and binds it to JavaCPP's libopenblas.so.0, once. */
    private static synchronized String linkOnce(String cache) {
        if (linkTried) {
            return linkFailure;
        }
        linkTried = true;
        try {
            String openblas = Loader.getLoadedLibraries().get("openblas@.0");
            if (openblas == null) {
                return linkFailure = "JavaCPP names no loaded libopenblas.so.0";
            }
            byte[] shim = shimBytes();
            if (shim == null) {
                return linkFailure = "the bundle carries no " + RESOURCE + " (gcc missing at build time?)";
            }
            loadShim(shim, Path.of(cache));
            linkFailure = link(openblas);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            linkFailure = "the pinned-array shim did not load (" + OpenBlasLoader.oneLine(e) + ")";
        }
        return linkFailure;
    }

    private static byte[] shimBytes() throws IOException {
        try (InputStream in = PinnedProducts.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /**
     * Loads the shim from {@code <cache>/ebp-pinned-gemm-<crc>/}, writing it there first unless
     * the same bytes are there. A JNI library loads into one class loader per process, so when an
     * earlier copy of this bundle (before an update) holds it, a private copy is loaded instead.
     */
    private static void loadShim(byte[] shim, Path cache) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(shim);
        Path dir = cache.resolve("ebp-pinned-gemm-" + Long.toHexString(crc.getValue()));
        Files.createDirectories(dir);
        Path file = dir.resolve("libebp-pinned-gemm.so");
        if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), shim)) {
            Path tmp = Files.createTempFile(dir, "libebp-pinned-gemm-", ".tmp");
            Files.write(tmp, shim);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            System.load(file.toString());
        } catch (UnsatisfiedLinkError e) {
            if (e.getMessage() == null || !e.getMessage().contains("another classloader")) {
                throw e;
            }
            Path own = Files.createTempFile(dir, "libebp-pinned-gemm-", ".so");
            own.toFile().deleteOnExit();
            Files.write(own, shim);
            System.load(own.toString());
        }
    }

    /** A few products with offsets, a transpose and a gap in C, compared exactly. */
    private String selfTest() {
        try {
            // A = [[1, 2], [3, 4]] after one element of padding; C rows of stride 3, the gaps -1.
            float[] fa = {9, 1, 2, 3, 4};
            float[] fc = {-1, -1, -1, -1, -1, -1};
            sgemm0(false, true, 2, 2, 2, 1f, fa, 1, 2, fa, 1, 2, 0f, fc, 0, 3);
            double[] da = {9, 1, 2, 3, 4};
            double[] dc = {-1, -1, -1, -1, -1, -1};
            dgemm0(true, false, 2, 2, 2, 1, da, 1, 2, da, 1, 2, 0, dc, 1, 3);
            // A A' = [[5, 11], [11, 25]]; A' A = [[10, 14], [14, 20]].
            if (!Arrays.equals(fc, new float[] {5, 11, -1, 11, 25, -1})) {
                return "the pinned-array shim's self-test sgemm gave " + Arrays.toString(fc);
            }
            if (!Arrays.equals(dc, new double[] {-1, 10, 14, -1, 14, 20})) {
                return "the pinned-array shim's self-test dgemm gave " + Arrays.toString(dc);
            }
            return null;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return "the pinned-array shim's self-test failed (" + OpenBlasLoader.oneLine(e) + ")";
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (c == a || c == b) {
            copying.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        long stamp = threads.enter();
        try {
            sgemm0(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } finally {
            threads.exit(stamp);
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (c == a || c == b) {
            copying.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        long stamp = threads.enter();
        try {
            dgemm0(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } finally {
            threads.exit(stamp);
        }
    }

    /** True once the shim is bound to JavaCPP's libopenblas.so.0. */
    static synchronized boolean linked() {
        return linkTried && linkFailure == null;
    }

    /** OpenBLAS's thread count in the library the products run in (after {@link #link}). */
    static native void setThreads0(int count);

    /** What that library reports as its thread count. */
    static native int threads0();

    /** Binds the shim to the loaded library at {@code path}; null, or why it could not. */
    private static native String link(String path);

    private static native void sgemm0(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                      float beta, float[] c, int cOff, int ldc);

    private static native void dgemm0(boolean transA, boolean transB, int m, int n, int k, double alpha,
                                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                      double beta, double[] c, int cOff, int ldc);
}

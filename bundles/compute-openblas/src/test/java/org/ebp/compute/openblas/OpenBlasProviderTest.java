package org.ebp.compute.openblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.ebp.compute.kernels.TestMatrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, the unavailable state, the size rule, block products and the thread setting. */
class OpenBlasProviderTest {

    private static final boolean LINUX_X86_64 = System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").matches("amd64|x86_64");

    @Test
    void loadsTheBundledOpenBlasOnLinuxX86() {
        OpenBlasComputeService c = OpenBlasProviders.OPENBLAS;
        assertEquals(LINUX_X86_64, c.available(), c.library());
        assertFalse(c.library().contains("\n"), "one line");
        if (c.available()) {
            assertTrue(c.library().startsWith("OpenBLAS 0.3.31 through JavaCPP, natives in "), c.library());
            assertTrue(c.threads() >= 1);
            assertTrue(c.library().endsWith(c.threads() == 1 ? " 1 thread" : " " + c.threads() + " threads"), c.library());
        }
        assertEquals("openblas", c.name());
        assertTrue(c.description().startsWith("OpenBLAS 0.3.31 through JavaCPP: "), c.description());
    }

    @Test
    void switchedOffItSaysSoAndComputesInJava() {
        OpenBlasComputeService c = OpenBlasProviders.OFF;
        assertFalse(c.available());
        assertEquals("unavailable: switched off by -Debp.compute.openblas=off; the jblas provider is used instead",
                c.library());
        assertFalse(c.worthNative(300, 300, 300, false));
        assertEquals(1, c.threads());
        double[] out = new double[4];
        c.dgemm(false, false, 2, 2, 2, 1, new double[] {1, 2, 3, 4}, 0, 2, new double[] {5, 6, 7, 8}, 0, 2, 0, out, 0, 2);
        assertArrayEquals(new double[] {19, 22, 43, 50}, out);
    }

    @Test
    void nativesThatDoNotLoadGiveOneLineNamingTheCause(@TempDir Path home) {
        String before = System.getProperty(OpenBlasLoader.CACHE_PROPERTY);
        OpenBlasLoader.Status status = OpenBlasLoader.load("auto", home.toString(), () -> {
            throw new UnsatisfiedLinkError("no jniopenblas in java.library.path\n\tat some.Frame");
        });
        if (LINUX_X86_64) {
            assertEquals("unavailable: the native libraries did not load (UnsatisfiedLinkError: no jniopenblas in"
                    + " java.library.path at some.Frame); the jblas provider is used instead", status.library());
        }
        assertFalse(status.available());
        OpenBlasComputeService c = new OpenBlasComputeService(status, new BlasThreads(() -> 1));
        assertFalse(c.worthNative(500, 500, 500, true));
        assertEquals(before, System.getProperty(OpenBlasLoader.CACHE_PROPERTY), "a cache folder set by the user stays");
    }

    @Test
    void unknownModeNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenBlasLoader.load("fast", null, OpenBlasLoader.JAVACPP));
        assertEquals("ebp.compute.openblas=fast is not a mode; use auto or off", e.getMessage());
    }

    @Test
    void smallAndSingleRowProductsStayInJava() {
        OpenBlasComputeService c = OpenBlasProviders.OPENBLAS;
        assertFalse(c.worthNative(1, 300, 784, false), "batch size 1: a vector-matrix product");
        assertFalse(c.worthNative(300, 1, 784, false));
        assertFalse(c.worthNative(8, 8, 8, false), "too little work for a native call");
        assertFalse(c.worthNative(300, 300, 2, false), "an outer product does 2 multiply-adds per element copied");
        assertEquals(c.available(), c.worthNative(32, 300, 784, false), "batch 32 of the 784-300 layer");
        assertEquals(c.available(), c.worthNative(1024, 1024, 1024, true));
    }

    @Test
    void contractShapesReachTheNativePath() {
        // ProductContract's 37 x 29 x 41 and 64 x 48 x 80 products must run natively when loaded.
        OpenBlasComputeService c = OpenBlasProviders.OPENBLAS;
        assertEquals(c.available(), c.worthNative(37, 29, 41, true));
        assertEquals(c.available(), c.worthNative(64, 48, 80, true));
        assertEquals(c.available(), c.useLapack(20));
        assertFalse(c.useLapack(9));
    }

    @Test
    void productOnBlocksOfALargeArrayTouchesOnlyTheBlock() {
        // Two layers' weights inside one flat parameter vector, C a block with a wider row stride.
        Random r = new Random(5);
        int m = 40;
        int k = 50;
        int n = 30;
        float[] params = TestMatrices.randomFloat(r, 1_000_000);
        int aOff = 123_457;
        int bOff = 700_001;
        float[] c = new float[10_000];
        Arrays.fill(c, 7f);
        int cOff = 17;
        int ldc = n + 5;
        float[] before = c.clone();
        OpenBlasProviders.OPENBLAS.sgemm(false, true, m, n, k, 1f, params, aOff, k, params, bOff, k, 0f, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double x = (double) params[aOff + i * k + p] * params[bOff + j * k + p];
                    exact += x;
                    magnitude += Math.abs(x);
                }
                // Higham's bound for a float dot product of length k (see ProductContract).
                assertEquals(exact, c[cOff + i * ldc + j], 2 * (k + 2) * TestMatrices.U_FLOAT * magnitude, "C(" + i + "," + j + ")");
            }
        }
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
            if (!inside) {
                assertEquals(before[idx], c[idx], "element " + idx + " outside C (the gaps between its rows included)");
            }
        }
    }

    @Test
    void threadLimitIsSetAndRestored() {
        OpenBlasComputeService c = OpenBlasProviders.OPENBLAS;
        assertThrows(IllegalArgumentException.class, () -> c.setThreads(0));
        if (!c.available()) {
            return;
        }
        int original = c.threads();
        assertEquals(original, c.setThreads(1));
        assertEquals(1, c.threads());
        if (c.productsLibraryThreads() >= 0) {
            // the library the products run in, not only JavaCPP's other copy (libopenblas_nolapack)
            assertEquals(1, c.productsLibraryThreads(), "libopenblas.so.0's own count");
        }
        double[] a = TestMatrices.random(new Random(2), 200 * 200);
        double[] out = new double[200 * 200];
        c.dgemm(false, true, 200, 200, 200, 1, a, 0, 200, a, 0, 200, 0, out, 0, 200);
        assertEquals(TestMatrices.multiply(a, transpose(a, 200), 200, 200, 200)[4321], out[4321], 1e-12);
        assertEquals(1, c.setThreads(original));
        assertEquals(original, c.threads());
        if (c.productsLibraryThreads() >= 0) {
            assertEquals(original, c.productsLibraryThreads(), "libopenblas.so.0's own count");
        }
    }

    private static double[] transpose(double[] a, int n) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j * n + i] = a[i * n + j];
            }
        }
        return t;
    }
}

package org.ebp.compute.openblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.ebp.compute.kernels.TestMatrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two native paths, products on pinned Java arrays and on copied blocks: which one runs and
 * that the description says so, and blocks with offsets, wider leading dimensions and
 * transposes against a double-precision reference loop, C's gaps untouched.
 */
class PinnedProductsTest {

    private static final boolean SHIM_IN_BUNDLE = PinnedProducts.class.getResource(PinnedProducts.RESOURCE) != null;
    /** What the gaps between and around C's rows hold before the product; must hold it after. */
    private static final float GAP = 12345.5f;

    static Stream<Arguments> paths() {
        return Stream.of(Arguments.of("pinned", OpenBlasProviders.OPENBLAS),
                Arguments.of("copying", OpenBlasProviders.COPYING));
    }

    @Test
    void thePinnedPathRunsWhenTheBundleCarriesTheShim() {
        OpenBlasComputeService c = OpenBlasProviders.OPENBLAS;
        if (!c.available()) {
            return;
        }
        assertTrue(SHIM_IN_BUNDLE, "the build compiles " + PinnedProducts.RESOURCE + " into the bundle (gcc)");
        assertTrue(c.pinned(), c.description());
        assertEquals("OpenBLAS 0.3.31 through JavaCPP: products on pinned Java arrays (no copies), small ones run in Java",
                c.description());
        assertTrue(c.library().endsWith(", products on pinned Java arrays, " + c.threads()
                + (c.threads() == 1 ? " thread" : " threads")), c.library());
    }

    @Test
    void theSwitchForcesCopiedBlocksAndTheDescriptionSaysWhy() {
        OpenBlasComputeService c = OpenBlasProviders.COPYING;
        if (!c.available()) {
            return;
        }
        assertFalse(c.pinned());
        assertEquals("OpenBLAS 0.3.31 through JavaCPP: products on copied blocks in native buffers (pinned arrays:"
                + " switched off by -Debp.compute.openblas.pinned=false), small ones run in Java", c.description());
        assertTrue(c.library().contains(", products on copied blocks (pinned arrays: switched off by"
                + " -Debp.compute.openblas.pinned=false), "), c.library());
    }

    @Test
    void aSwitchValueThatIsNotABooleanKeepsCopyingAndSaysSo() {
        PinnedProducts.Choice choice = PinnedProducts.choose(" yes ", "/nowhere", new BlasThreads(() -> 1));
        assertFalse(choice.pinned());
        assertTrue(choice.products() instanceof OffHeapProducts);
        assertEquals("ebp.compute.openblas.pinned=yes is neither true nor false", choice.reason());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void floatBlocksWithOffsetsGapsAndTransposes(String name, OpenBlasComputeService c) {
        Random r = new Random(11);
        int m = 37;
        int n = 29;
        int k = 41;
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            int lda = (ta ? m : k) + 3;
            int ldb = (tb ? k : n) + 5;
            int ldc = n + 7;
            int aOff = 13;
            int bOff = 101;
            int cOff = 9;
            float[] a = TestMatrices.randomFloat(r, aOff + (ta ? k : m) * lda);
            float[] b = TestMatrices.randomFloat(r, bOff + (tb ? n : k) * ldb + 4);
            float[] cc = new float[cOff + m * ldc + 6];
            java.util.Arrays.fill(cc, GAP);
            float beta = t % 2 == 0 ? 0f : -0.5f;
            if (beta != 0) {
                fillBlock(cc, cOff, m, n, ldc, r);
            }
            float[] before = cc.clone();
            c.sgemm(ta, tb, m, n, k, 0.75f, a, aOff, lda, b, bOff, ldb, beta, cc, cOff, ldc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = (double) beta * before[cOff + i * ldc + j];
                    double magnitude = Math.abs(exact);
                    for (int p = 0; p < k; p++) {
                        double x = 0.75 * (double) a[aOff + (ta ? p * lda + i : i * lda + p)]
                                * b[bOff + (tb ? j * ldb + p : p * ldb + j)];
                        exact += x;
                        magnitude += Math.abs(x);
                    }
                    assertEquals(exact, cc[cOff + i * ldc + j], 2 * (k + 3) * TestMatrices.U_FLOAT * magnitude,
                            name + " ta=" + ta + " tb=" + tb + " C(" + i + "," + j + ")");
                }
            }
            assertGapsUntouched(name, before, cc, cOff, m, n, ldc);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void doubleBlocksWithOffsetsGapsAndTransposes(String name, OpenBlasComputeService c) {
        Random r = new Random(12);
        int m = 64;
        int n = 48;
        int k = 80;
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            int lda = (ta ? m : k) + 2;
            int ldb = (tb ? k : n) + 1;
            int ldc = n + 3;
            int aOff = 7;
            int bOff = 3;
            int cOff = 21;
            double[] a = TestMatrices.random(r, aOff + (ta ? k : m) * lda);
            double[] b = TestMatrices.random(r, bOff + (tb ? n : k) * ldb);
            double[] cc = new double[cOff + m * ldc + 2];
            java.util.Arrays.fill(cc, GAP);
            double beta = t < 2 ? 0 : 2;
            if (beta != 0) {
                double[] block = TestMatrices.random(r, m * ldc);
                for (int i = 0; i < m; i++) {
                    System.arraycopy(block, i * ldc, cc, cOff + i * ldc, n);
                }
            }
            double[] before = cc.clone();
            c.dgemm(ta, tb, m, n, k, -1.5, a, aOff, lda, b, bOff, ldb, beta, cc, cOff, ldc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = beta * before[cOff + i * ldc + j];
                    double magnitude = Math.abs(exact);
                    for (int p = 0; p < k; p++) {
                        double x = -1.5 * a[aOff + (ta ? p * lda + i : i * lda + p)] * b[bOff + (tb ? j * ldb + p : p * ldb + j)];
                        exact += x;
                        magnitude += Math.abs(x);
                    }
                    assertEquals(exact, cc[cOff + i * ldc + j], 2 * (k + 3) * TestMatrices.U_DOUBLE * magnitude,
                            name + " ta=" + ta + " tb=" + tb + " C(" + i + "," + j + ")");
                }
            }
            for (int idx = 0; idx < cc.length; idx++) {
                int rel = idx - cOff;
                if (rel < 0 || rel / ldc >= m || rel % ldc >= n) {
                    assertEquals(before[idx], cc[idx], name + ": element " + idx + " outside C");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void cInTheSameArrayAsAReadsABeforeWritingC(String name, OpenBlasComputeService c) {
        // A in the first 32 x 32 elements, C right after it: one array, no overlap of the blocks.
        int s = 32;
        float[] x = TestMatrices.randomFloat(new Random(13), 2 * s * s);
        float[] a = java.util.Arrays.copyOf(x, s * s);
        c.sgemm(false, true, s, s, s, 1f, x, 0, s, x, 0, s, 0f, x, s * s, s);
        float[] expected = new float[s * s];
        TestMatrices.JAVA.sgemm(false, true, s, s, s, 1f, a, 0, s, a, 0, s, 0f, expected, 0, s);
        for (int i = 0; i < s * s; i++) {
            assertEquals(a[i], x[i], name + ": A unchanged at " + i);
            assertEquals(expected[i], x[s * s + i], 2 * (s + 2) * TestMatrices.U_FLOAT * s, name + ": C at " + i);
        }
    }

    private static void fillBlock(float[] c, int off, int m, int n, int ld, Random r) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[off + i * ld + j] = 2 * r.nextFloat() - 1;
            }
        }
    }

    private static void assertGapsUntouched(String name, float[] before, float[] after, int off, int m, int n, int ld) {
        for (int idx = 0; idx < after.length; idx++) {
            int rel = idx - off;
            if (rel < 0 || rel / ld >= m || rel % ld >= n) {
                assertEquals(before[idx], after[idx], name + ": element " + idx + " outside C (a gap between its rows included)");
            }
        }
    }
}

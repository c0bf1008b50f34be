package org.ebp.compute.jblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import org.osgi.framework.BundleContext;
import org.junit.jupiter.api.Test;

/**
 * Native-library selection, the forced fallback and the component descriptions. Nothing here
 * assumes which native library this machine has: a build host with only libgfortran5 (jblas's
 * bundled library) or with none (pure Java) must pass as well.
 */
class ProviderTest {

    @Test
    void libraryNamesWhatLoadedInOneLine() {
        String library = JblasProviders.JBLAS.library();
        assertFalse(library.isBlank());
        assertFalse(library.contains("\n"), "one line");
        if (JblasProviders.JBLAS.nativeAvailable()) {
            assertTrue(library.startsWith("jblas 1.2.5 with "), library);
            assertTrue(library.contains("libjblas.so") || library.contains("bundled"), library);
            assertNull(NativeBlasLoader.selfTest(), "the self-test passes on the loaded library");
        } else {
            assertTrue(library.startsWith("pure Java (no native BLAS could load: "), library);
        }
    }

    @Test
    void forcedJavaModeSkipsNativeCodeAndStillComputes() {
        JblasComputeService c = JblasProviders.JBLAS_FALLBACK;
        assertFalse(c.nativeAvailable());
        assertTrue(c.library().startsWith("pure Java"), c.library());
        assertTrue(c.library().contains("ebp.compute.native=java"), c.library());
        double[] out = new double[4];
        c.dgemm(false, false, 2, 2, 2, 1, new double[] {1, 2, 3, 4}, 0, 2, new double[] {5, 6, 7, 8}, 0, 2, 0, out, 0, 2);
        assertArrayEquals(new double[] {19, 22, 43, 50}, out);
    }

    @Test
    void modeIsReadFromTheFrameworkProperty() {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && JblasComputeService.NATIVE_PROPERTY.equals(args[0])) {
                        return " JAVA ";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        JblasComputeService c = new JblasComputeService(context);
        assertFalse(c.nativeAvailable());
        assertTrue(c.library().startsWith("pure Java"), c.library());
    }

    @Test
    void unknownModeNamesTheAllowedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JblasComputeService.create("fast"));
        assertTrue(e.getMessage().contains("ebp.compute.native=fast")
                && e.getMessage().contains("[auto, system, bundled, java]"), e.getMessage());
        assertEquals(NativeMode.AUTO, NativeMode.parse(null));
        assertEquals(NativeMode.AUTO, NativeMode.parse(" "));
        assertEquals(NativeMode.BUNDLED, NativeMode.parse("Bundled"));
    }

    @Test
    void smallAndSingleRowProductsStayInJava() {
        JblasComputeService c = JblasProviders.JBLAS;
        assertFalse(c.worthNative(1, 1000, 1000, 1_002_000), "batch size 1: a vector-matrix product");
        assertFalse(c.worthNative(1000, 1, 1000, 1_002_000));
        assertFalse(c.worthNative(4, 4, 4, 48), "too little work for a JNI call");
        // A small product on views into a large array: JNI would copy the whole array twice.
        assertFalse(c.worthNative(32, 32, 32, 2_000_000));
        assertEquals(c.nativeAvailable(), c.worthNative(300, 300, 300, 270_000));
    }

    @Test
    void componentsDescribeThemselves() {
        assertEquals("jblas", JblasProviders.JBLAS.name());
        assertEquals("java", JblasProviders.JAVA.name());
        assertTrue(JblasProviders.JBLAS.parameters().isEmpty());
        assertTrue(JblasProviders.JAVA.parameters().isEmpty());
        assertTrue(JblasProviders.JBLAS.description().contains("jblas 1.2.5"));
        assertTrue(JblasProviders.JAVA.description().startsWith("pure Java reference provider, slow"));
        assertTrue(JblasProviders.JAVA.library().startsWith("pure Java"));
        assertTrue(JblasProviders.JBLAS.defaults().asText().isEmpty());
    }

    @Test
    void conformanceShapesCoverTheNativeAndTheJavaPath() {
        // ProductContract's shapes must exercise both dispatch branches when a native library is present.
        assertFalse(JblasProviders.JBLAS.worthNative(3, 4, 5, 3 * 5 + 5 * 4 + 3 * 4));
        assertFalse(JblasProviders.JBLAS.worthNative(1, 33, 40, 40 + 40 * 33 + 33));
        if (JblasProviders.JBLAS.nativeAvailable()) {
            long copied = (37L * 44 + 10) + (41L * 36 + 10) + (37L * 31 + 10);
            assertTrue(JblasProviders.JBLAS.worthNative(37, 29, 41, copied));
        }
    }

    @Test
    void conformanceSizesCoverTheLapackAndTheJavaPath() {
        // DecompositionContract's orders 50, 30, 20 (and SVDs with min(m, n) = 20, 25) must reach
        // LAPACK when it loaded; orders 4 and 6, 8 and 9 stay in Java.
        assertEquals(JblasProviders.JBLAS.nativeAvailable(), JblasProviders.JBLAS.useLapack(20));
        assertEquals(false, JblasProviders.JBLAS.useLapack(9));
    }

    @Test
    void libraryPathSearchFindsOnlyExistingFiles() {
        assertNull(NativeBlasLoader.findOnLibraryPath("no-such-library-" + System.nanoTime() + ".so"));
    }
}

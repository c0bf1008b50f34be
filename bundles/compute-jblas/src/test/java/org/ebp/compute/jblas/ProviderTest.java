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
        String library = TestMatrices.JBLAS.library();
        assertFalse(library.isBlank());
        assertFalse(library.contains("\n"), "one line");
        if (TestMatrices.JBLAS.nativeAvailable()) {
            assertTrue(library.startsWith("jblas 1.2.5 with "), library);
            assertTrue(library.contains("libjblas.so") || library.contains("bundled"), library);
            assertNull(NativeBlasLoader.selfTest(), "the self-test passes on the loaded library");
        } else {
            assertTrue(library.startsWith("pure Java (no native BLAS could load: "), library);
        }
    }

    @Test
    void forcedJavaModeSkipsNativeCodeAndStillComputes() {
        JblasComputeService c = TestMatrices.JBLAS_FALLBACK;
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
        JblasComputeService c = TestMatrices.JBLAS;
        assertFalse(c.worthNative(1, 1000, 1000, 1_002_000), "batch size 1: a vector-matrix product");
        assertFalse(c.worthNative(1000, 1, 1000, 1_002_000));
        assertFalse(c.worthNative(4, 4, 4, 48), "too little work for a JNI call");
        // A small product on views into a large array: JNI would copy the whole array twice.
        assertFalse(c.worthNative(32, 32, 32, 2_000_000));
        assertEquals(c.nativeAvailable(), c.worthNative(300, 300, 300, 270_000));
    }

    @Test
    void componentsDescribeThemselves() {
        assertEquals("jblas", TestMatrices.JBLAS.name());
        assertEquals("java", TestMatrices.JAVA.name());
        assertTrue(TestMatrices.JBLAS.parameters().isEmpty());
        assertTrue(TestMatrices.JAVA.parameters().isEmpty());
        assertTrue(TestMatrices.JBLAS.description().contains("jblas 1.2.5"));
        assertTrue(TestMatrices.JAVA.description().startsWith("pure Java reference provider, slow"));
        assertTrue(TestMatrices.JAVA.library().startsWith("pure Java"));
        assertTrue(TestMatrices.JBLAS.defaults().asText().isEmpty());
    }

    @Test
    void libraryPathSearchFindsOnlyExistingFiles() {
        assertNull(NativeBlasLoader.findOnLibraryPath("no-such-library-" + System.nanoTime() + ".so"));
    }
}

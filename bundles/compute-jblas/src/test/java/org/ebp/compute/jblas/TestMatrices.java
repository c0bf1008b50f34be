package org.ebp.compute.jblas;

import java.util.Random;
import java.util.stream.Stream;
import org.ebp.api.compute.ComputeService;
import org.junit.jupiter.params.provider.Arguments;

/** Random matrices, naive reference products and the providers under test. */
final class TestMatrices {

    /** Unit roundoff of double and float: half the distance from 1 to the next number. */
    static final double U_DOUBLE = Math.ulp(1.0) / 2;
    static final double U_FLOAT = Math.ulp(1.0f) / 2;

    /** One per test JVM: the native probe runs once and every test sees the same library. */
    static final JblasComputeService JBLAS = JblasComputeService.create("auto");
    static final PureJavaCompute JAVA = new PureJavaCompute();
    /** The jblas provider forced to its pure-Java fallback. */
    static final JblasComputeService JBLAS_FALLBACK = JblasComputeService.create("java");

    private TestMatrices() {
    }

    /** The providers, named for the test report. */
    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("jblas", JBLAS),
                Arguments.of("java", JAVA),
                Arguments.of("jblas-fallback", JBLAS_FALLBACK));
    }

    static double[] random(Random r, int count) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = 2 * r.nextDouble() - 1;
        }
        return a;
    }

    static float[] randomFloat(Random r, int count) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = 2 * r.nextFloat() - 1;
        }
        return a;
    }

    /** A random symmetric n x n matrix with entries in [-1, 1]. */
    static double[] randomSymmetric(Random r, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = 2 * r.nextDouble() - 1;
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }

    /** Row-major product of an m x k and a k x n matrix, plain triple loop. */
    static double[] multiply(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static ComputeService[] all() {
        return new ComputeService[] {JBLAS, JAVA, JBLAS_FALLBACK};
    }
}

package org.ebp.compute.kernels;

import java.util.Random;

/** Random matrices, naive reference products and the reference provider, for the compute contracts. */
public final class TestMatrices {

    /** Unit roundoff of double and float: half the distance from 1 to the next number. */
    public static final double U_DOUBLE = Math.ulp(1.0) / 2;
    public static final double U_FLOAT = Math.ulp(1.0f) / 2;

    /** The pure-Java reference provider. */
    public static final JavaCompute JAVA = new JavaCompute();

    private TestMatrices() {
    }

    public static double[] random(Random r, int count) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = 2 * r.nextDouble() - 1;
        }
        return a;
    }

    public static float[] randomFloat(Random r, int count) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = 2 * r.nextFloat() - 1;
        }
        return a;
    }

    /** A random symmetric n x n matrix with entries in [-1, 1]. */
    public static double[] randomSymmetric(Random r, int n) {
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
    public static double[] multiply(double[] a, double[] b, int m, int k, int n) {
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

    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

}

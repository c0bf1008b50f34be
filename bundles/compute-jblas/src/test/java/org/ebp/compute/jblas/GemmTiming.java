package org.ebp.compute.jblas;

import java.util.Locale;
import java.util.Random;
import org.ebp.api.compute.ComputeService;

/**
 * Prints rough matrix-product speeds of both providers on this machine; not a test (nothing is
 * asserted). Run it from the module directory after {@code mvn test-compile}:
 * <pre>
 * java -cp target/classes:target/test-classes:$HOME/.m2/repository/org/jblas/jblas/1.2.5/jblas-1.2.5.jar:$HOME/.m2/repository/org/ebp/org.ebp.api/1.4.0/org.ebp.api-1.4.0.jar \
 *      org.ebp.compute.jblas.GemmTiming [size ...]
 * </pre>
 * Add {@code -Debp.compute.native=bundled} and {@code -Djava.library.path=/nonexistent} to time
 * jblas's bundled library instead of the system one.
 */
public final class GemmTiming {

    private GemmTiming() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {4, 8, 16, 32, 64, 128, 1000} : parse(args);
        JblasComputeService jblas = JblasComputeService.create(System.getProperty(JblasComputeService.NATIVE_PROPERTY));
        ComputeService java = new PureJavaCompute();
        System.out.println("jblas provider: " + jblas.library());
        for (int n : sizes) {
            report("dgemm", n, time(jblas, n, false), time(java, n, false));
            report("sgemm", n, time(jblas, n, true), time(java, n, true));
        }
        for (int n : new int[] {100, 1000}) {
            System.out.printf(Locale.ROOT, "dgemv %4d: java %.2f GFLOP/s%n", n, gemv(java, n));
        }
    }

    private static void report(String op, int n, double jblasFlops, double javaFlops) {
        System.out.printf(Locale.ROOT, "%s %4d: jblas %7.2f GFLOP/s, java %6.2f GFLOP/s%n",
                op, n, jblasFlops / 1e9, javaFlops / 1e9);
    }

    /** Flops per second of an n x n x n product, best of a few repetitions after a warm-up. */
    private static double time(ComputeService c, int n, boolean single) {
        Random r = new Random(1);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        double[] out = new double[n * n];
        float[] fa = new float[n * n];
        float[] fb = new float[n * n];
        float[] fout = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = r.nextDouble();
            b[i] = r.nextDouble();
            fa[i] = (float) a[i];
            fb[i] = (float) b[i];
        }
        long reps = Math.max(1, 200_000_000L / ((long) n * n * n));
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (long rep = 0; rep < reps; rep++) {
                if (single) {
                    c.sgemm(false, false, n, n, n, 1f, fa, 0, n, fb, 0, n, 0f, fout, 0, n);
                } else {
                    c.dgemm(false, false, n, n, n, 1.0, a, 0, n, b, 0, n, 0.0, out, 0, n);
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
        }
        return 2.0 * n * n * n / best;
    }

    private static double gemv(ComputeService c, int n) {
        double[] a = new double[n * n];
        double[] x = new double[n];
        double[] y = new double[n];
        java.util.Arrays.fill(a, 0.5);
        java.util.Arrays.fill(x, 1.0);
        long reps = Math.max(1, 100_000_000L / ((long) n * n));
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (long rep = 0; rep < reps; rep++) {
                c.dgemv(round % 2 == 1, n, n, 1.0, a, 0, n, x, 0, 0.0, y, 0);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
        }
        return 2.0 * n * n / best / 1e9;
    }

    private static int[] parse(String[] args) {
        int[] sizes = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            sizes[i] = Integer.parseInt(args[i]);
        }
        return sizes;
    }
}

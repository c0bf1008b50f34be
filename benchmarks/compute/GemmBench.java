import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.ebp.api.compute.ComputeService;

/**
 * One provider's n x n x n matrix-product speed, float and double, for gemm-speed.sh: prints
 * "PROVIDER sgemm GFLOPS" and "PROVIDER dgemm GFLOPS" (the median of the timed calls after a
 * warm-up) and the provider's library line. Not a test: nothing is asserted.
 *
 * <p>Usage: java -cp ... GemmBench.java openblas|openblas-copying|jblas|java N CALLS
 */
public final class GemmBench {

    private GemmBench() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        int n = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        ComputeService c = provider(name);
        System.out.println("# " + name + ": " + c.library() + "; " + c.description());
        Random r = new Random(1);
        float[] fa = new float[n * n];
        float[] fb = new float[n * n];
        float[] fc = new float[n * n];
        double[] da = new double[n * n];
        double[] db = new double[n * n];
        double[] dc = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            da[i] = r.nextDouble() - 0.5;
            db[i] = r.nextDouble() - 0.5;
            fa[i] = (float) da[i];
            fb[i] = (float) db[i];
        }
        double flops = 2.0 * n * n * n;
        double[] s = new double[calls];
        double[] d = new double[calls];
        for (int round = 0; round < 2; round++) {           // round 0 warms up (JIT, buffers, threads)
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                c.sgemm(false, false, n, n, n, 1f, fa, 0, n, fb, 0, n, 0f, fc, 0, n);
                s[i] = (System.nanoTime() - t0) / 1e9;
            }
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                c.dgemm(false, false, n, n, n, 1.0, da, 0, n, db, 0, n, 0.0, dc, 0, n);
                d[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        System.out.printf(Locale.ROOT, "%s sgemm %.2f%n", name, flops / median(s) / 1e9);
        System.out.printf(Locale.ROOT, "%s dgemm %.2f%n", name, flops / median(d) / 1e9);
    }

    private static ComputeService provider(String name) throws Exception {
        String cls = switch (name) {
            case "openblas", "openblas-copying" -> "org.ebp.compute.openblas.OpenBlasComputeService";
            case "jblas" -> "org.ebp.compute.jblas.JblasComputeService";
            case "java" -> "org.ebp.compute.kernels.JavaCompute";
            default -> throw new IllegalArgumentException("unknown provider " + name + "; use openblas, openblas-copying, jblas or java");
        };
        Class<?> k = Class.forName(cls);
        if (name.equals("java")) {
            return (ComputeService) k.getConstructor().newInstance();
        }
        if (name.equals("openblas-copying")) {
            // Products on copied blocks, not on the pinned Java arrays.
            return (ComputeService) k.getMethod("create", String.class, String.class).invoke(null, "auto", "false");
        }
        return (ComputeService) k.getMethod("create", String.class).invoke(null, "auto");
    }

    private static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
    }
}

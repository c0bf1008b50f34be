import java.util.Arrays;
import org.ebp.api.compute.ComputeService;

/**
 * What lending the openblas provider's pool costs: {@code setThreads(1)} and the restore, each
 * pair after a 256 x 256 x 256 sgemm on the pool's own threads (as between two epochs), 400
 * rounds, the first 50 not counted. Why the two-core steps lend the pool for an epoch, not
 * around every step (PoolLease).
 *
 * <p>Run after a build (from the repository root):
 * <pre>
 * java -Dorg.bytedeco.javacpp.cachedir=/tmp/ebp-gemm-speed-javacpp \
 *     -cp "$(ls bundles/compute-openblas/target/org.ebp.compute.openblas-*[0-9T].jar):$(ls bundles/api/target/org.ebp.api-*[0-9T].jar)" \
 *     benchmarks/compute/SetThreadsCost.java
 * </pre>
 */
public class SetThreadsCost {

    public static void main(String[] args) throws Exception {
        ComputeService compute = (ComputeService) Class.forName("org.ebp.compute.openblas.OpenBlasComputeService")
                .getMethod("create", String.class).invoke(null, "auto");
        int n = 256;
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 1f);
        int rounds = 400;
        int warmUp = 50;
        long[] nanos = new long[rounds - warmUp];
        for (int r = 0; r < rounds; r++) {
            compute.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
            long start = System.nanoTime();
            int previous = compute.setThreads(1);
            compute.setThreads(previous);
            long took = System.nanoTime() - start;
            if (r >= warmUp) {
                nanos[r - warmUp] = took;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%s%nsetThreads(1) and back to %d after a product on the pool: median %.0f us, p10 %.0f us,"
                        + " p90 %.0f us, max %.0f us (%d rounds)%n", compute.library(), compute.threads(),
                nanos[nanos.length / 2] / 1e3, nanos[nanos.length / 10] / 1e3, nanos[nanos.length * 9 / 10] / 1e3,
                nanos[nanos.length - 1] / 1e3, nanos.length);
    }
}

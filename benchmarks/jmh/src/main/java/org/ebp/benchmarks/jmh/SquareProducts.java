package org.ebp.benchmarks.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ebp.api.compute.ComputeService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * n x n x n products, float and double, per provider (2 n^3 flops each); and one 32 x 32 x 32
 * product on blocks inside a 4-million-element array, whose cost must not grow with the array
 * (jblas copies whole arrays; openblas copies the blocks).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SquareProducts {

    @Param({"java", "jblas", "openblas"})
    public String provider;

    @Param({"64", "256", "1024"})
    public int n;

    private ComputeService compute;
    private float[] fa;
    private float[] fb;
    private float[] fc;
    private double[] da;
    private double[] db;
    private double[] dc;
    private float[] large;
    private float[] small;

    @Setup
    public void setUp() {
        compute = Providers.create(provider);
        Random r = new Random(2);
        fa = new float[n * n];
        fb = new float[n * n];
        fc = new float[n * n];
        da = new double[n * n];
        db = new double[n * n];
        dc = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            da[i] = r.nextDouble() - 0.5;
            db[i] = r.nextDouble() - 0.5;
            fa[i] = (float) da[i];
            fb[i] = (float) db[i];
        }
        large = new float[4_000_000];
        small = new float[32 * 32];
    }

    @Benchmark
    public float[] sgemm() {
        compute.sgemm(false, false, n, n, n, 1f, fa, 0, n, fb, 0, n, 0f, fc, 0, n);
        return fc;
    }

    @Benchmark
    public double[] dgemm() {
        compute.dgemm(false, false, n, n, n, 1.0, da, 0, n, db, 0, n, 0.0, dc, 0, n);
        return dc;
    }

    /** Independent of n: a 32^3 product on two blocks of a large array (n only repeats it). */
    @Benchmark
    public float[] blockOfLargeArray() {
        compute.sgemm(false, false, 32, 32, 32, 1f, large, 1_000_000, 32, large, 3_000_000, 32, 0f, small, 0, 32);
        return small;
    }
}

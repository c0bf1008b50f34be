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
 * The products of one training step of a 784-300-10 network in float32, per provider and batch
 * size, with the weights of both layers in one flat parameter vector (as the engine keeps them):
 * forward {@code H = X W1'} (batch x 784 times 784 x 300) and {@code Y = H W2'} (300 x 10), and the
 * weight gradient {@code G1 = D' X} (300 x batch times batch x 784). Average time per product.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LayerProducts {

    static final int IN = 784;
    static final int HIDDEN = 300;
    static final int OUT = 10;

    @Param({"java", "jblas", "openblas"})
    public String provider;

    @Param({"1", "32", "128", "1024"})
    public int batch;

    private ComputeService compute;
    /** W1 (300 x 784) at offset 0, W2 (10 x 300) after it, as in the engine's parameter vector. */
    private float[] params;
    private int w2Offset;
    private float[] x;
    private float[] h;
    private float[] y;
    private float[] delta;
    private float[] gradient;

    @Setup
    public void setUp() {
        compute = Providers.create(provider);
        Random r = new Random(1);
        w2Offset = HIDDEN * IN;
        params = random(r, w2Offset + OUT * HIDDEN);
        x = random(r, batch * IN);
        delta = random(r, batch * HIDDEN);
        h = new float[batch * HIDDEN];
        y = new float[batch * OUT];
        gradient = new float[HIDDEN * IN];
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        return a;
    }

    @Benchmark
    public float[] forwardHidden() {
        compute.sgemm(false, true, batch, HIDDEN, IN, 1f, x, 0, IN, params, 0, IN, 0f, h, 0, HIDDEN);
        return h;
    }

    @Benchmark
    public float[] forwardOutput() {
        compute.sgemm(false, true, batch, OUT, HIDDEN, 1f, h, 0, HIDDEN, params, w2Offset, HIDDEN, 0f, y, 0, OUT);
        return y;
    }

    @Benchmark
    public float[] gradientHidden() {
        compute.sgemm(true, false, HIDDEN, IN, batch, 1f, delta, 0, HIDDEN, x, 0, IN, 0f, gradient, 0, IN);
        return gradient;
    }
}

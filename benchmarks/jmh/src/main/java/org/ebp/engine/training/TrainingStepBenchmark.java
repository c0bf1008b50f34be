package org.ebp.engine.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ebp.activations.OneHotCoding;
import org.ebp.activations.Softmax;
import org.ebp.activations.Tanh;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.compute.jblas.JblasComputeService;
import org.ebp.compute.openblas.OpenBlasComputeService;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.optim.first.SgdOptimizer;
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
 * One float32 training step of the engine ({@link FloatTrainer#step}: gather, forward, loss,
 * backward, SGD update; two halves on two cores for batches of 16 and more when the provider lends
 * its pool) of a 784-300-10 tanh/softmax network with cross-entropy, per provider and batch, on
 * 8192 random examples of Fashion-MNIST's shape (the step's cost does not depend on the values).
 * In the engine's package because the trainer is not public. Average time per step;
 * examples/s = batch / time. {@code -jvmArgsAppend -Debp.training.twoHalves=false} keeps every
 * step on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingStepBenchmark {

    static final int EXAMPLES = 8192;

    @Param({"jblas", "openblas"})
    public String provider;

    @Param({"1", "32", "128", "1024"})
    public int batch;

    private ComputeService compute;
    private FloatTrainer trainer;
    private ElementwiseUpdate.Rule rule;
    private int[] order;
    private int from;

    @Setup
    public void setUp() {
        compute = provider.equals("openblas") ? OpenBlasComputeService.create("auto") : JblasComputeService.create("auto");
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[EXAMPLES * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[EXAMPLES];
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            classes.add("class" + k);
        }
        List<String> features = new ArrayList<>();
        for (int j = 0; j < 784; j++) {
            features.add("pixel" + j);
        }
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = r.nextInt(10);
        }
        Dataset data = Dataset.classification("random", x, EXAMPLES, 784, labels, classes, features);
        Network net = new Network(new int[] {784, 300, 10}, new Tanh(), new Softmax());
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
        TargetCoding coding = new OneHotCoding();
        trainer = new FloatTrainer(net, loss,
                new ExampleGatherer(data, coding, coding.levels(net.outputActivation(), coding.defaults()), 10));
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() * 0.03; // fan-in scale for 784 inputs
        }
        trainer.weights().load(w);
        rule = new SgdOptimizer().rule(null, new SgdOptimizer().defaults(), net.layout());
        order = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            order[i] = (int) ((i * 7919L) % EXAMPLES);
        }
    }

    @Benchmark
    public double step() {
        if (from + batch > EXAMPLES) {
            from = 0;
        }
        rule.beginStep(0.001);
        double loss = trainer.step(compute, order, from, batch, rule);
        from += batch;
        return loss;
    }
}

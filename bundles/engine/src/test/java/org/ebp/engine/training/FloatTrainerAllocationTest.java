package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.ebp.activations.OneHotCoding;
import org.ebp.activations.ScaledTanh;
import org.ebp.activations.Softmax;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.data.DigitsDataset;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.optim.first.AdamOptimizer;
import org.ebp.optim.first.MomentumOptimizer;
import org.ebp.optim.first.SgdOptimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A float32 training step (gather, forward, loss, backward, update) allocates nothing once warmed
 * up: the thread's allocated-bytes counter does not move over thousands of steps, online and with
 * mini-batches, with plain and momentum SGD on the digits (64-30-10, scaled tanh, softmax), and
 * with Adam (which counts its steps in its state), and with a mini-batch and online learning on two
 * cores (the calling thread's side of {@link TwoHalves}, {@link UnitHalves} and {@link OnlineHalves}).
 */
class FloatTrainerAllocationTest {

    @ParameterizedTest(name = "batch {0} {1} {2} {3} hidden")
    @CsvSource({"1, sgd, naive, 30", "32, sgd, naive, 30", "1, momentum, naive, 30", "32, momentum, naive, 30",
            "32, momentum, pooled, 30", "32, momentum, pooled, 40", "32, sgd, pooled, 40", "1, momentum, pooled, 600", "1, adam, naive, 30", "32, adam, naive, 30"})
    void aWarmStepAllocatesNoBytes(int batch, String optimizer, String provider, int hidden) throws Exception {
        Dataset digits = new DigitsDataset().load(new DigitsDataset().defaults());
        Network net = new Network(new int[] {64, hidden, 10}, new ScaledTanh(), new Softmax());
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
        TargetCoding coding = new OneHotCoding();
        ExampleGatherer gatherer = new ExampleGatherer(digits, coding, coding.levels(net.outputActivation(), coding.defaults()),
                10);
        FloatTrainer trainer = new FloatTrainer(net, loss, gatherer);
        double[] w = new double[net.size()];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.02; // raw digit pixels are 0..16
        }
        trainer.weights().load(w);
        ElementwiseUpdate.Rule rule = rule(optimizer, net);
        int[] order = new int[digits.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) ((i * 7919L) % order.length);
        }
        // "pooled" reports a pool of two threads, so batches of 32 run as two halves: by example
        // with 30 hidden units (TwoHalves), by unit with 40 (UnitHalves); and batch 1 with 600
        // hidden units too (OnlineHalves)
        ComputeService compute = provider.equals("naive") ? new NaiveCompute() : new PooledCompute();
        if (compute instanceof PooledCompute p) {
            p.record = false;
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();

        int steps = order.length / batch;
        double first = epoch(trainer, compute, rule, order, batch, steps, 0.06 / hidden);
        for (int warm = 0; warm < (batch == 1 ? 8 : 60); warm++) {
            epoch(trainer, compute, rule, order, batch, steps, 0.06 / hidden); // lets the JIT compile the step
        }
        threads.getThreadAllocatedBytes(thread); // the counter's own first call may allocate
        // the least of three epochs: a one-off allocation by the runtime (a deoptimization, a late
        // compilation) is not the step's; an allocation per step shows in all three
        long least = Long.MAX_VALUE;
        double last = 0;
        for (int measured = 0; measured < 3; measured++) {
            long before = threads.getThreadAllocatedBytes(thread);
            last = epoch(trainer, compute, rule, order, batch, steps, 0.06 / hidden);
            least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertEquals(0, least, least + " bytes over " + steps + " steps of batch " + batch);
        assertTrue(last < first * 0.8, "the steps must train: mean loss " + first + " then " + last);
    }

    private static ElementwiseUpdate.Rule rule(String optimizer, Network net) {
        return switch (optimizer) {
            case "sgd" -> new SgdOptimizer().rule(null, new SgdOptimizer().defaults(), net.layout());
            case "momentum" -> new MomentumOptimizer().rule(new MomentumOptimizer().init(net.layout(),
                    new MomentumOptimizer().defaults()), new MomentumOptimizer().defaults(), net.layout());
            case "adam" -> new AdamOptimizer().rule(new AdamOptimizer().init(net.layout(), new AdamOptimizer().defaults()),
                    new AdamOptimizer().defaults(), net.layout());
            default -> throw new IllegalArgumentException(optimizer);
        };
    }

    private static double epoch(FloatTrainer trainer, ComputeService compute, ElementwiseUpdate.Rule rule, int[] order,
            int batch, int steps, double rate) {
        double sum = 0;
        for (int s = 0; s < steps; s++) {
            rule.beginStep(rate); // 0.002 for 30 hidden units, smaller for wider layers (raw pixels 0..16)
            sum += trainer.step(compute, order, s * batch, batch, rule);
        }
        return sum / steps;
    }
}

package org.ebp.engine.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ebp.activations.OneHotCoding;
import org.ebp.activations.ScaledTanh;
import org.ebp.activations.Softmax;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.data.DigitsDataset;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.FloatWorkspace;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.optim.first.MomentumOptimizer;
import org.junit.jupiter.api.Test;

/**
 * Online learning on two cores ({@link OnlineHalves}: W_1's rows in halves, the update looking
 * ahead to the next example's {@code W_1 x}) changes nothing: the weights after hundreds of steps
 * are the same to the bit as those of the plain single-threaded passes (forward, then backward
 * and update), also when the weights are loaded anew between two steps (the look-ahead is then
 * dropped) and across the end of the order; and the second thread did run.
 */
class OnlineHalvesTest {

    @Test
    void twoThreadsGiveThePlainPassesWeightsToTheBit() throws Exception {
        Dataset digits = new DigitsDataset().load(new DigitsDataset().defaults());
        // 64 x 600 first-layer weights: above OnlineHalves.MIN_WEIGHTS
        Network net = new Network(new int[] {64, 600, 10}, new ScaledTanh(), new Softmax());
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
        TargetCoding coding = new OneHotCoding();
        ExampleGatherer gatherer = new ExampleGatherer(digits, coding,
                coding.levels(net.outputActivation(), coding.defaults()), 10);
        double[] start = new double[net.size()];
        double[] other = new double[net.size()];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < start.length; i++) {
            start[i] = random.nextGaussian() * 0.02;
            other[i] = random.nextGaussian() * 0.02;
        }
        int[] order = new int[300];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) ((i * 7919L) % digits.size());
        }
        NaiveCompute plainCompute = new NaiveCompute();
        PooledCompute compute = new PooledCompute(); // lends two threads
        MomentumOptimizer momentum = new MomentumOptimizer();

        FloatTrainer trainer = new FloatTrainer(net, loss, gatherer);
        trainer.weights().load(start);
        ElementwiseUpdate.Rule rule = momentum.rule(momentum.init(net.layout(), momentum.defaults()), momentum.defaults(),
                net.layout());

        FloatPasses passes = new FloatPasses(net);
        FloatWeights plain = passes.newWeights();
        plain.load(start);
        FloatWorkspace ws = passes.newWorkspace(1);
        ElementwiseUpdate.Rule plainRule = momentum.rule(momentum.init(net.layout(), momentum.defaults()),
                momentum.defaults(), net.layout());

        // two epochs over the order; in the middle of the first the weights are loaded anew
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int from = 0; from < order.length; from++) {
                if (epoch == 0 && from == 150) {
                    trainer.weights().load(other);
                    plain.load(other);
                }
                rule.beginStep(0.01);
                double e = trainer.step(compute, order, from, 1, rule);
                plainRule.beginStep(0.01);
                gatherer.gather(order, from, 1, ws);
                passes.forward(plainCompute, plain, ws, 1);
                double f = passes.loss(loss, ws, 1, true);
                passes.backwardAndUpdate(plain, ws, plainRule);
                assertEquals(f, e, 0.0, "loss at step " + from + " of epoch " + epoch);
            }
        }
        boolean helperRan = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ebp-training-online-half"));
        if (Runtime.getRuntime().availableProcessors() >= 2) {
            assertTrue(OnlineHalves.pays(compute, rule, 64 * 600));
            assertTrue(helperRan, "the second thread ran (it ends only after seconds idle)");
        }
        assertFalse(OnlineHalves.pays(compute, rule, 64 * 30), "a small first layer stays on one thread");
        assertFalse(OnlineHalves.pays(plainCompute, rule, 64 * 600), "a provider without a pool to lend");
        ElementwiseUpdate.Rule plugin = new ElementwiseUpdate.Rule() {
            @Override
            public void beginStep(double learningRate) {
            }

            @Override
            public void apply(float[] w, int wOff, float[] g, int gOff, float scale, int n, int param) {
            }
        };
        assertFalse(OnlineHalves.pays(compute, plugin, 64 * 600), "a plugin's rule need not be thread-safe");
        boolean moved = false;
        for (int l = 1; l <= net.layerCount(); l++) {
            assertArrayEquals(plain.weights(l), trainer.weights().weights(l), "weights of layer " + l);
            assertArrayEquals(plain.biases(l), trainer.weights().biases(l), "biases of layer " + l);
        }
        double[] end = new double[net.size()];
        trainer.weights().store(end);
        for (int i = 0; i < end.length && !moved; i++) {
            moved = Math.abs(end[i] - other[i]) > 1e-3;
        }
        assertFalse(!moved, "the steps must move the weights");
    }
}

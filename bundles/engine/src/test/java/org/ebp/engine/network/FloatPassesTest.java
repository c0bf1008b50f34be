package org.ebp.engine.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.ebp.activations.ScaledTanh;
import org.ebp.activations.Tanh;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.ebp.optim.first.MomentumOptimizer;
import org.ebp.optim.first.SgdOptimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 passes: their gradient against central finite differences of the float64 loss at
 * the same (float-rounded) weights, and online learning's fused update against the dense gradient
 * followed by the same rule.
 */
class FloatPassesTest {

    private final ComputeService compute = new NaiveCompute();

    static Stream<Arguments> combinations() {
        List<Arguments> list = new ArrayList<>();
        int[][] shapes = {{5, 4, 3}, {4, 6, 5, 3}, {7, 9, 2}};
        // the real tanh activations have float kernels; the test double uses the default float blocks
        Activation[] hidden = {new Tanh(), new ScaledTanh(), TestActivations.logistic()};
        for (int[] shape : shapes) {
            for (Activation h : hidden) {
                for (int batch : new int[] {1, 7}) {
                    list.add(Arguments.of(shape, h, new ScaledTanh(), "mse", batch));
                    list.add(Arguments.of(shape, h, TestActivations.linear(), "mse", batch));
                    list.add(Arguments.of(shape, h, TestActivations.softmax(), "cross-entropy", batch));
                }
            }
        }
        return list.stream();
    }

    private static Loss loss(String name) {
        return name.equals("mse") ? new MeanSquaredErrorLoss() : new CrossEntropyLoss();
    }

    /**
     * Tolerance for float32: the unit roundoff is u = 6e-8. Each pre-activation sums at most 9
     * products, so it carries a rounding error of about 10 u relative to the sum of |w x|; the
     * tanh kernel adds at most 5e-7 absolute; delta and the products of the backward pass add a
     * few u more per layer. Over three layers that is about 1e-5 of the gradient's scale (its
     * largest component). The bound 2e-4 of that scale leaves a margin of 20 over rounding, while
     * a wrong term (a missing f', a transposed index, a lost 1/B) gives errors of order the
     * scale itself. The central difference (h = 1e-5, in double) is exact to about 1e-9 here.
     */
    @ParameterizedTest(name = "{0} {1}/{2} {3} batch {4}")
    @MethodSource("combinations")
    void floatGradientMatchesFiniteDifferencesOfTheDoubleLoss(int[] widths, Activation hidden, Activation output,
            String lossName, int batch) {
        Network net = new Network(widths, hidden, output);
        OutputLayerLoss bound = OutputLayerLoss.bind(output, loss(lossName), lossName);
        Random random = new Random(widths.length * 31L + batch);
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.5);
        }
        float[] x = new float[batch * widths[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        double[] t = targets(random, batch, net.outputWidth(), lossName);

        FloatPasses passes = new FloatPasses(net);
        FloatWeights p = passes.newWeights();
        p.load(w);
        FloatWorkspace ws = passes.newWorkspace(batch);
        System.arraycopy(x, 0, ws.x, 0, x.length);
        System.arraycopy(t, 0, ws.targets, 0, t.length);
        passes.forward(compute, p, ws, batch);
        passes.loss(bound, ws, batch, true);
        FloatWeights g = passes.newWeights();
        passes.backward(compute, p, ws, batch, 1f / batch, false, g);
        double[] floatGradient = new double[net.size()];
        g.store(floatGradient);

        double[] numeric = new double[net.size()];
        double h = 1e-5;
        double scale = 0;
        for (int i = 0; i < w.length; i++) {
            double keep = w[i];
            w[i] = keep + h;
            double up = doubleLoss(net, bound, w, x, t, batch);
            w[i] = keep - h;
            double down = doubleLoss(net, bound, w, x, t, batch);
            w[i] = keep;
            numeric[i] = (up - down) / (2 * h);
            scale = Math.max(scale, Math.abs(numeric[i]));
        }
        assertTrue(scale > 1e-4, "a gradient this small tests nothing: " + scale);
        for (int i = 0; i < w.length; i++) {
            double error = Math.abs(floatGradient[i] - numeric[i]);
            assertTrue(error <= 2e-4 * scale, "parameter " + i + ": float32 " + floatGradient[i] + " vs finite difference "
                    + numeric[i] + " (scale " + scale + ")");
        }
    }

    private static double[] targets(Random random, int rows, int width, String lossName) {
        double[] t = new double[rows * width];
        for (int i = 0; i < rows; i++) {
            if (lossName.equals("mse")) {
                for (int k = 0; k < width; k++) {
                    t[i * width + k] = random.nextBoolean() ? 1 : -1;
                }
            } else {
                t[i * width + random.nextInt(width)] = 1;
            }
        }
        return t;
    }

    private double doubleLoss(Network net, OutputLayerLoss bound, double[] w, float[] x, double[] t, int rows) {
        Workspace ws = net.newWorkspace(rows);
        for (int i = 0; i < x.length; i++) {
            ws.x[i] = x[i];
        }
        System.arraycopy(t, 0, ws.targets, 0, t.length);
        net.forward(compute, w, ws, rows);
        return net.loss(bound, ws, rows, false) / rows;
    }

    static Stream<Arguments> rules() {
        return Stream.of(Arguments.of("sgd"), Arguments.of("momentum"));
    }

    /**
     * Twenty online steps, fused ({@code W -= eta delta x'} row by row during backpropagation)
     * and unfused (dense gradient, then the rule): the same weights up to float rounding (the
     * two orders round {@code eta * delta * x} differently, by an ulp of each step).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void fusedOnlineUpdateGivesTheWeightsOfTheDenseGradientAndTheSameRule(String optimizer) {
        Network net = new Network(new int[] {6, 8, 5, 3}, new ScaledTanh(), TestActivations.softmax());
        OutputLayerLoss bound = OutputLayerLoss.bind(net.outputActivation(), new CrossEntropyLoss(), "cross-entropy");
        Random random = new Random(3);
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.4;
        }
        FloatPasses passes = new FloatPasses(net);
        FloatWeights fused = passes.newWeights();
        FloatWeights dense = passes.newWeights();
        fused.load(w);
        dense.load(w);
        ElementwiseUpdate.Rule fusedRule = rule(optimizer, net);
        ElementwiseUpdate.Rule denseRule = rule(optimizer, net);
        FloatWorkspace ws = passes.newWorkspace(1);
        FloatWeights g = passes.newWeights();
        double[] start = w.clone();
        for (int step = 0; step < 20; step++) {
            float[] x = new float[6];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            java.util.Arrays.fill(ws.targets, 0);
            ws.targets[random.nextInt(3)] = 1;
            fusedRule.beginStep(0.1);
            denseRule.beginStep(0.1);
            System.arraycopy(x, 0, ws.x, 0, 6);
            passes.forward(compute, fused, ws, 1);
            passes.loss(bound, ws, 1, true);
            passes.backwardAndUpdate(fused, ws, fusedRule);
            System.arraycopy(x, 0, ws.x, 0, 6);
            passes.forward(compute, dense, ws, 1);
            passes.loss(bound, ws, 1, true);
            passes.backward(compute, dense, ws, 1, 1f, false, g);
            FloatPasses.update(dense, g, denseRule);
        }
        double[] a = new double[net.size()];
        double[] b = new double[net.size()];
        fused.store(a);
        dense.store(b);
        double moved = 0;
        for (int i = 0; i < a.length; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= 1e-5 * (1 + Math.abs(b[i])), optimizer + " parameter " + i + ": fused " + a[i]
                    + " vs dense " + b[i]);
            moved = Math.max(moved, Math.abs(b[i] - start[i]));
        }
        assertTrue(moved > 1e-2, "the steps must move the weights: " + moved);
    }

    private static ElementwiseUpdate.Rule rule(String optimizer, Network net) {
        if (optimizer.equals("sgd")) {
            SgdOptimizer sgd = new SgdOptimizer();
            return sgd.rule(sgd.init(net.layout(), sgd.defaults()), sgd.defaults(), net.layout());
        }
        MomentumOptimizer momentum = new MomentumOptimizer();
        var settings = momentum.settings(Map.of("mu", "0.9"));
        State state = momentum.init(net.layout(), settings);
        return momentum.rule(state, settings, net.layout());
    }
}

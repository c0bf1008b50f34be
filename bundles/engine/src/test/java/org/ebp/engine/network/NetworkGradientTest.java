package org.ebp.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;
import org.ebp.api.model.ParameterLayout;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The backward pass against central finite differences of the forward pass, for every
 * combination of layer shape, hidden activation, output activation with its loss, and batch size.
 */
class NetworkGradientTest {

    private final ComputeService compute = new NaiveCompute();

    static Stream<Arguments> combinations() {
        List<Arguments> list = new ArrayList<>();
        int[][] shapes = {{5, 4, 3}, {4, 6, 5, 3}, {3, 2}};
        Activation[] hidden = {TestActivations.tanh(), TestActivations.logistic(), TestActivations.linear(),
                TestActivations.scaledTanh()};
        Activation[] elementwiseOutputs = {TestActivations.tanh(), TestActivations.linear(), TestActivations.logistic()};
        for (int[] shape : shapes) {
            for (Activation h : hidden) {
                for (int batch : new int[] {1, 7}) {
                    for (Activation o : elementwiseOutputs) {
                        list.add(Arguments.of(shape, h, o, "mse", batch));
                    }
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
     * Tolerance: with h = 1e-5 the central difference has truncation error h^2/6 |E'''| ~ 2e-11
     * for these O(1) nets, and rounding error about eps |E| / h ~ 2.2e-16 |E| / 1e-5 ~ 2e-11 |E|.
     * Relative to the gradient components (|a| + |n| mostly 1e-3..1) an error of 1e-6 leaves a
     * margin of about 1000 over both, while a wrong term (a missing f', a transposed index, a lost
     * 1/B) gives relative errors of order 1. A component much smaller than that is dominated by
     * the rounding noise, so the scale is floored at 1e-3 max(1, |E|): an absolute error of
     * 1e-9 |E|, still 50 times the noise.
     */
    @ParameterizedTest(name = "{0} {1}/{2} {3} batch {4}")
    @MethodSource("combinations")
    void gradientMatchesCentralDifferences(int[] widths, Activation hidden, Activation output, String lossName, int batch) {
        Random random = new Random(42 + widths.length * 31L + batch);
        Network net = new Network(widths, hidden, output);
        OutputLayerLoss loss = OutputLayerLoss.bind(output, loss(lossName), lossName);
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.7;
        }
        Workspace ws = net.newWorkspace(batch);
        int in = widths[0];
        int out = widths[widths.length - 1];
        for (int i = 0; i < batch * in; i++) {
            ws.inputs()[i] = random.nextGaussian();
        }
        for (int i = 0; i < batch; i++) {
            if (lossName.equals("mse")) {
                for (int k = 0; k < out; k++) {
                    ws.targets()[i * out + k] = random.nextDouble() * 1.6 - 0.8 + (output.lowerBound() == 0 ? 0.8 : 0);
                }
            } else {
                // targets that do not sum to 1 check the general fused form p T - t
                for (int k = 0; k < out; k++) {
                    ws.targets()[i * out + k] = random.nextDouble();
                }
            }
        }
        double[] gradient = new double[w.length];
        net.forward(compute, w, ws, batch);
        double e0 = net.loss(loss, ws, batch, true) / batch;
        net.backward(compute, w, ws, batch, 1.0 / batch, false, gradient);

        double h = 1e-5;
        for (int i = 0; i < w.length; i++) {
            double saved = w[i];
            w[i] = saved + h;
            net.forward(compute, w, ws, batch);
            double plus = net.loss(loss, ws, batch, false) / batch;
            w[i] = saved - h;
            net.forward(compute, w, ws, batch);
            double minus = net.loss(loss, ws, batch, false) / batch;
            w[i] = saved;
            double numeric = (plus - minus) / (2 * h);
            double scale = Math.max(Math.abs(numeric) + Math.abs(gradient[i]), 1e-3 * Math.max(1, Math.abs(e0)));
            double error = Math.abs(numeric - gradient[i]);
            assertTrue(error / scale < 1e-6, net.layout().segmentAt(i).name() + " index " + i + ": analytic "
                    + gradient[i] + ", numeric " + numeric + " (E=" + e0 + "), relative error " + error / scale);
        }
    }

    @Test
    void forwardMatchesScalarDefinitionWithRowMajorWeights() {
        Random random = new Random(3);
        int[] widths = {3, 4, 2};
        Network net = new Network(widths, TestActivations.tanh(), TestActivations.linear());
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        int batch = 2;
        Workspace ws = net.newWorkspace(5);
        for (int i = 0; i < batch * 3; i++) {
            ws.inputs()[i] = random.nextGaussian();
        }
        net.forward(compute, w, ws, batch);
        ParameterLayout layout = net.layout();
        int w1 = layout.segment("layer1.weights").offset();
        int b1 = layout.segment("layer1.biases").offset();
        int w2 = layout.segment("layer2.weights").offset();
        int b2 = layout.segment("layer2.biases").offset();
        for (int p = 0; p < batch; p++) {
            double[] hidden = new double[4];
            for (int j = 0; j < 4; j++) {
                double s = w[b1 + j];
                for (int i = 0; i < 3; i++) {
                    s += w[w1 + j * 3 + i] * ws.inputs()[p * 3 + i];
                }
                hidden[j] = Math.tanh(s);
            }
            for (int k = 0; k < 2; k++) {
                double s = w[b2 + k];
                for (int j = 0; j < 4; j++) {
                    s += w[w2 + k * 4 + j] * hidden[j];
                }
                // exact same operations in another order: equal to rounding
                assertEquals(s, ws.outputs()[p * 2 + k], 1e-12);
            }
        }
    }

    @Test
    void layoutNamesSegmentsWithShapesAndFanIn() {
        Network net = new Network(new int[] {64, 30, 10}, TestActivations.tanh(), TestActivations.tanh());
        ParameterLayout layout = net.layout();
        assertEquals(64 * 30 + 30 + 30 * 10 + 10, layout.size());
        ParameterLayout.Segment w1 = layout.segment("layer1.weights");
        assertEquals(30, w1.rows());
        assertEquals(64, w1.cols());
        assertEquals(65, w1.fanIn());
        assertEquals(ParameterLayout.Role.WEIGHTS, w1.role());
        assertEquals(0, w1.offset());
        ParameterLayout.Segment b1 = layout.segment("layer1.biases");
        assertEquals(ParameterLayout.Role.BIASES, b1.role());
        assertEquals(30, b1.rows());
        assertEquals(1, b1.cols());
        assertEquals(65, b1.fanIn());
        assertEquals(64 * 30, b1.offset());
        ParameterLayout.Segment w2 = layout.segment("layer2.weights");
        assertEquals(31, w2.fanIn());
        assertEquals(2, w2.layer());
    }

    @Test
    void softmaxCrossEntropyLossEqualsTheDefinitionOnProbabilities() {
        Random random = new Random(5);
        Network net = new Network(new int[] {4, 3}, TestActivations.tanh(), TestActivations.softmax());
        OutputLayerLoss loss = OutputLayerLoss.bind(TestActivations.softmax(), new CrossEntropyLoss(), "cross-entropy");
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        Workspace ws = net.newWorkspace(4);
        for (int i = 0; i < 16; i++) {
            ws.inputs()[i] = random.nextGaussian();
        }
        for (int p = 0; p < 4; p++) {
            ws.targets()[p * 3 + p % 3] = 1;
        }
        net.forward(compute, w, ws, 4);
        double sum = net.loss(loss, ws, 4, false);
        double expected = 0;
        for (int p = 0; p < 4; p++) {
            expected += new CrossEntropyLoss().value(ws.outputs(), p * 3, ws.targets(), p * 3, 3);
        }
        // log-sum-exp and log of the normalised probability differ only by rounding
        assertEquals(expected, sum, 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void chunkedAccumulationEqualsOnePass() {
        Random random = new Random(9);
        int[] widths = {4, 5, 3};
        Network net = new Network(widths, TestActivations.tanh(), TestActivations.linear());
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new MeanSquaredErrorLoss(), "mse");
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian();
        }
        double[] x = new double[6 * 4];
        double[] t = new double[6 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = random.nextGaussian();
        }
        Workspace all = net.newWorkspace(6);
        System.arraycopy(x, 0, all.inputs(), 0, x.length);
        System.arraycopy(t, 0, all.targets(), 0, t.length);
        double[] g1 = new double[w.length];
        net.forward(compute, w, all, 6);
        net.loss(loss, all, 6, true);
        net.backward(compute, w, all, 6, 1.0 / 6, false, g1);

        Workspace half = net.newWorkspace(3);
        double[] g2 = new double[w.length];
        for (int chunk = 0; chunk < 2; chunk++) {
            System.arraycopy(x, chunk * 12, half.inputs(), 0, 12);
            System.arraycopy(t, chunk * 9, half.targets(), 0, 9);
            net.forward(compute, w, half, 3);
            net.loss(loss, half, 3, true);
            net.backward(compute, w, half, 3, 1.0 / 6, chunk > 0, g2);
        }
        for (int i = 0; i < w.length; i++) {
            // same sums in a different grouping: rounding only
            assertEquals(g1[i], g2[i], 1e-13);
        }
    }

    @Test
    void couplingActivationsAreRefusedWhereTheyCannotBeDifferentiated() {
        Activation softmax = TestActivations.softmax();
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
                () -> new Network(new int[] {4, 5, 3}, softmax, softmax));
        assertTrue(hidden.getMessage().contains("only be the output activation"), hidden.getMessage());
        IllegalArgumentException mse = assertThrows(IllegalArgumentException.class,
                () -> OutputLayerLoss.bind(softmax, new MeanSquaredErrorLoss(), "mse"));
        assertTrue(mse.getMessage().contains("loss=cross-entropy"), mse.getMessage());
        IllegalArgumentException ce = assertThrows(IllegalArgumentException.class,
                () -> OutputLayerLoss.bind(TestActivations.tanh(), new CrossEntropyLoss(), "cross-entropy"));
        assertTrue(ce.getMessage().contains("needs output=softmax"), ce.getMessage());
    }
}

package org.ebp.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.model.ParameterLayout;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.junit.jupiter.api.Test;

/** Gaussian (RBF) layers: spec syntax, gradients against finite differences, the diagonal GN variant, k-means start. */
class RadialBasisLayerTest {

    private final ComputeService compute = new NaiveCompute();

    @Test
    void specMarksRbfLayers() {
        assertArrayEquals(new int[] {64, 20, 10}, LayerSpec.parse("64-rbf20-10", -1, -1));
        assertArrayEquals(new boolean[] {true, false}, LayerSpec.rbfLayers("64-rbf20-10"));
        assertArrayEquals(new boolean[] {false, true, false}, LayerSpec.rbfLayers("64-30-rbf:20-10"));
        assertEquals("64-30-rbf20-10", LayerSpec.format(new int[] {64, 30, 20, 10}, new boolean[] {false, true, false}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Network(new int[] {4, 3}, new boolean[] {true}, true, TestActivations.tanh(), TestActivations.tanh()));
        assertTrue(e.getMessage().contains("e.g. 64-rbf20-10"), e.getMessage());
        Network net = new Network(new int[] {4, 3, 2}, new boolean[] {true, false}, true, TestActivations.tanh(),
                TestActivations.linear());
        assertEquals(ParameterLayout.Role.CENTERS, net.layout().segment("layer1.centers").role());
        assertEquals(ParameterLayout.Role.WIDTHS, net.layout().segment("layer1.widths").role());
        assertEquals("4-rbf3-2", net.spec());
    }

    private static Network net(int[] widths, boolean[] rbf, boolean train, Activation output) {
        return new Network(widths, rbf, train, TestActivations.tanh(), output);
    }

    private double[] weights(Network net, Random random) {
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.7;
        }
        for (ParameterLayout.Segment s : net.layout().segments()) {
            if (s.role() == ParameterLayout.Role.WIDTHS) {
                for (int i = s.offset(); i < s.end(); i++) {
                    w[i] = 0.8 + random.nextDouble(); // widths must be positive
                }
            }
        }
        return w;
    }

    /** Tolerance as in NetworkGradientTest: 1e-6 relative to the component, floored at 1e-3. */
    @Test
    void gradientsMatchCentralDifferences() {
        boolean[][] shapes = {{true, false}, {false, true, false}};
        int[][] widths = {{3, 4, 2}, {3, 5, 4, 2}};
        for (int s = 0; s < shapes.length; s++) {
            for (Activation output : new Activation[] {TestActivations.linear(), TestActivations.softmax()}) {
                Random random = new Random(17 + s);
                Network net = net(widths[s], shapes[s], true, output);
                String lossName = output.elementwise() ? "mse" : "cross-entropy";
                OutputLayerLoss loss = OutputLayerLoss.bind(output, output.elementwise() ? new MeanSquaredErrorLoss()
                        : new CrossEntropyLoss(), lossName);
                int rows = 5;
                Workspace ws = net.newWorkspace(rows);
                for (int i = 0; i < rows * widths[s][0]; i++) {
                    ws.inputs()[i] = random.nextGaussian();
                }
                for (int i = 0; i < rows * 2; i++) {
                    ws.targets()[i] = random.nextDouble();
                }
                double[] w = weights(net, random);
                double[] g = new double[w.length];
                net.forward(compute, w, ws, rows);
                net.loss(loss, ws, rows, true);
                net.backward(compute, w, ws, rows, 1.0 / rows, false, g);
                double h = 1e-5;
                for (int i = 0; i < w.length; i++) {
                    double saved = w[i];
                    w[i] = saved + h;
                    net.forward(compute, w, ws, rows);
                    double plus = net.loss(loss, ws, rows, false) / rows;
                    w[i] = saved - h;
                    net.forward(compute, w, ws, rows);
                    double minus = net.loss(loss, ws, rows, false) / rows;
                    w[i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    double scale = Math.max(Math.abs(numeric) + Math.abs(g[i]), 1e-3);
                    assertTrue(Math.abs(numeric - g[i]) / scale < 1e-6, net.layout().segmentAt(i).name() + " " + i + ": "
                            + g[i] + " vs " + numeric);
                }
            }
        }
    }

    @Test
    void untrainedCentresAndWidthsGetNoGradient() {
        Network net = net(new int[] {3, 4, 2}, new boolean[] {true, false}, false, TestActivations.linear());
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new MeanSquaredErrorLoss(), "mse");
        Random random = new Random(2);
        Workspace ws = net.newWorkspace(3);
        for (int i = 0; i < 9; i++) {
            ws.inputs()[i] = random.nextGaussian();
        }
        double[] w = weights(net, random);
        double[] g = new double[w.length];
        java.util.Arrays.fill(g, 5);
        net.forward(compute, w, ws, 3);
        net.loss(loss, ws, 3, true);
        net.backward(compute, w, ws, 3, 1.0 / 3, false, g);
        for (int i = 0; i < net.weightOffset(2); i++) {
            assertEquals(0.0, g[i], "parameter " + i);
        }
        assertTrue(g[net.weightOffset(2)] != 0);
    }

    /**
     * The RBF variant of eqs 54-56 on a 3-rbf4-2 net with linear outputs: the output layer's
     * entries are diag(J'J) exactly, the centres' and widths' entries follow the variant
     * (x_i - c_ui)^2 / s^4 and (2y/s)^2, checked against a direct evaluation of the formulas.
     */
    @Test
    void diagonalGaussNewtonRbfVariant() {
        Network net = net(new int[] {3, 4, 2}, new boolean[] {true, false}, true, TestActivations.linear());
        OutputLayerLoss loss = OutputLayerLoss.bind(net.outputActivation(), new MeanSquaredErrorLoss(), "mse");
        Random random = new Random(3);
        int rows = 4;
        Workspace ws = net.newWorkspace(rows);
        double[] x = ws.inputs();
        for (int i = 0; i < rows * 3; i++) {
            x[i] = random.nextGaussian();
        }
        double[] w = weights(net, random);
        double[] diag = new double[w.length];
        net.diagonalGaussNewton(compute, w, ws, rows, loss, 1.0 / rows, false, diag);
        double[] expected = new double[w.length];
        for (int p = 0; p < rows; p++) {
            double[] a = new double[4];
            double[] y = new double[4];
            for (int u = 0; u < 4; u++) {
                double s = w[net.biasOffset(1) + u];
                double d2 = 0;
                for (int i = 0; i < 3; i++) {
                    double d = x[p * 3 + i] - w[net.weightOffset(1) + u * 3 + i];
                    d2 += d * d;
                }
                y[u] = d2 / (2 * s * s);
                a[u] = Math.exp(-y[u]);
            }
            for (int k = 0; k < 2; k++) {
                for (int u = 0; u < 4; u++) {
                    expected[net.weightOffset(2) + k * 4 + u] += a[u] * a[u] / rows; // eq 55, linear output: h = 1
                }
                expected[net.biasOffset(2) + k] += 1.0 / rows;
            }
            for (int u = 0; u < 4; u++) {
                double ha = 0;
                for (int k = 0; k < 2; k++) {
                    double wk = w[net.weightOffset(2) + k * 4 + u];
                    ha += wk * wk; // eq 56
                }
                double hy = ha * a[u] * a[u]; // (da/dy)^2 = a^2
                double s = w[net.biasOffset(1) + u];
                for (int i = 0; i < 3; i++) {
                    double d = x[p * 3 + i] - w[net.weightOffset(1) + u * 3 + i];
                    expected[net.weightOffset(1) + u * 3 + i] += hy * d * d / (s * s * s * s) / rows;
                }
                expected[net.biasOffset(1) + u] += hy * Math.pow(2 * y[u] / s, 2) / rows;
            }
        }
        for (int i = 0; i < w.length; i++) {
            assertEquals(expected[i], diag[i], 1e-12 * (1 + expected[i]), net.layout().segmentAt(i).name() + " " + i);
        }
    }

    /** Two well separated blobs: k-means puts one centre in each, widths are the distance between them. */
    @Test
    void kMeansStartFindsClustersAndSeedsReproduce() {
        Network net = net(new int[] {2, 2, 1}, new boolean[] {true, false}, true, TestActivations.linear());
        Random random = new Random(4);
        int rows = 40;
        double[] x = new double[rows * 2];
        for (int p = 0; p < rows; p++) {
            double cx = p % 2 == 0 ? -3 : 3;
            x[p * 2] = cx + 0.1 * random.nextGaussian();
            x[p * 2 + 1] = 0.1 * random.nextGaussian();
        }
        double[] w = new double[net.size()];
        net.initializeRbfLayers(compute, w, x, rows, 1.0, 7);
        double[] c = java.util.Arrays.copyOfRange(w, 0, 4);
        assertEquals(6.0, Math.abs(c[0] - c[2]), 0.2, java.util.Arrays.toString(c));
        assertEquals(Math.hypot(c[0] - c[2], c[1] - c[3]), w[net.biasOffset(1)], 1e-12);
        double[] again = new double[net.size()];
        net.initializeRbfLayers(compute, again, x, rows, 1.0, 7);
        assertArrayEquals(w, again);
    }
}

package org.ebp.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestActivations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The passes of section 1.7 against finite differences and against each other: R-operator
 * Hessian-vector products against central differences of the gradient, the Jacobian against
 * central differences of the residuals, Gauss-Newton products against {@code J'J v}, and the
 * diagonal Gauss-Newton term (eqs 54-56) against {@code diag(J'J)}.
 */
class SecondOrderPassesTest {

    private final ComputeService compute = new NaiveCompute();

    /** A random net with its batch in a workspace. */
    private record Setup(Network net, OutputLayerLoss loss, double[] w, Workspace ws, int rows) {
    }

    private static Setup setup(int[] widths, Activation hidden, Activation output, String lossName, int rows, long seed) {
        Random random = new Random(seed);
        Network net = new Network(widths, hidden, output);
        Loss lossFunction = lossName.equals("mse") ? new MeanSquaredErrorLoss() : new CrossEntropyLoss();
        OutputLayerLoss loss = OutputLayerLoss.bind(output, lossFunction, lossName);
        double[] w = new double[net.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextGaussian() * 0.7;
        }
        Workspace ws = net.newWorkspace(rows);
        for (int i = 0; i < rows * widths[0]; i++) {
            ws.inputs()[i] = random.nextGaussian();
        }
        int out = widths[widths.length - 1];
        for (int i = 0; i < rows * out; i++) {
            ws.targets()[i] = lossName.equals("mse") ? random.nextDouble() * 1.6 - 0.8 + (output.lowerBound() == 0 ? 0.8 : 0)
                    : random.nextDouble();
        }
        return new Setup(net, loss, w, ws, rows);
    }

    static Stream<Arguments> combinations() {
        List<Arguments> list = new ArrayList<>();
        int[][] shapes = {{5, 4, 3}, {4, 6, 5, 3}, {3, 2}};
        Activation[] hidden = {TestActivations.tanh(), TestActivations.logistic(), TestActivations.scaledTanh()};
        for (int[] shape : shapes) {
            for (Activation h : hidden) {
                for (int batch : new int[] {1, 6}) {
                    list.add(Arguments.of(shape, h, TestActivations.tanh(), "mse", batch));
                    list.add(Arguments.of(shape, h, TestActivations.linear(), "mse", batch));
                    list.add(Arguments.of(shape, h, TestActivations.softmax(), "cross-entropy", batch));
                }
            }
        }
        return list.stream();
    }

    private double[] gradient(Setup s, double[] w) {
        double[] g = new double[w.length];
        s.net().forward(compute, w, s.ws(), s.rows());
        s.net().loss(s.loss(), s.ws(), s.rows(), true);
        s.net().backward(compute, w, s.ws(), s.rows(), 1.0 / s.rows(), false, g);
        return g;
    }

    /**
     * Tolerance: central differences of the gradient with h = 1e-5 along a unit-scale direction
     * have truncation error ~ h^2 |E''''| ~ 1e-10 and rounding error ~ eps |g| / h ~ 2e-11 for
     * these O(1) nets; 1e-6 of the component scale (floored at 1e-3 for components near zero)
     * leaves a margin of 1000, while a missing f'' term or a dropped D_l V_l term is of order 1.
     */
    @ParameterizedTest(name = "{0} {1}/{2} {3} batch {4}")
    @MethodSource("combinations")
    void hessianVectorProductMatchesDifferencesOfGradients(int[] widths, Activation hidden, Activation output,
                                                           String lossName, int batch) {
        Setup s = setup(widths, hidden, output, lossName, batch, 7 + widths.length * 13L + batch);
        Random random = new Random(99);
        double[] v = new double[s.w().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        double[] hv = new double[v.length];
        s.net().hessianVector(compute, s.w(), v, s.ws(), batch, s.loss(), 1.0 / batch, false, hv);
        double h = 1e-5;
        double[] plus = s.w().clone();
        double[] minus = s.w().clone();
        for (int i = 0; i < v.length; i++) {
            plus[i] += h * v[i];
            minus[i] -= h * v[i];
        }
        double[] gp = gradient(s, plus);
        double[] gm = gradient(s, minus);
        for (int i = 0; i < v.length; i++) {
            double numeric = (gp[i] - gm[i]) / (2 * h);
            double scale = Math.max(Math.abs(numeric) + Math.abs(hv[i]), 1e-3);
            assertTrue(Math.abs(numeric - hv[i]) / scale < 1e-6, s.net().layout().segmentAt(i).name() + " " + i
                    + ": R-operator " + hv[i] + ", differences " + numeric);
        }
    }

    /** Tolerance as above: central differences of the residuals, 1e-6 relative, floored at 1e-3. */
    @Test
    void jacobianMatchesDifferencesOfResiduals() {
        for (Activation output : new Activation[] {TestActivations.tanh(), TestActivations.linear()}) {
            Setup s = setup(new int[] {4, 5, 3, 2}, TestActivations.scaledTanh(), output, "mse", 5, 3);
            int m = 5 * 2;
            int n = s.w().length;
            double[] j = new double[m * n];
            double scale = 1 / Math.sqrt(5);
            s.net().jacobian(compute, s.w(), s.ws(), 5, scale, j, 0);
            double h = 1e-5;
            double[] rp = new double[m];
            double[] rm = new double[m];
            double[] w = s.w();
            for (int i = 0; i < n; i++) {
                double saved = w[i];
                w[i] = saved + h;
                s.net().residuals(compute, w, s.ws(), 5, scale, rp, 0);
                w[i] = saved - h;
                s.net().residuals(compute, w, s.ws(), 5, scale, rm, 0);
                w[i] = saved;
                for (int r = 0; r < m; r++) {
                    double numeric = (rp[r] - rm[r]) / (2 * h);
                    double analytic = j[r * n + i];
                    double tol = Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-3);
                    assertTrue(Math.abs(numeric - analytic) / tol < 1e-6, "J[" + r + "," + i + "] " + analytic + " vs "
                            + numeric);
                }
            }
        }
    }

    @Test
    void residualsGiveTheMeanLossAsHalfTheirSquaredNorm() {
        Setup s = setup(new int[] {3, 4, 2}, TestActivations.tanh(), TestActivations.tanh(), "mse", 6, 5);
        double[] r = new double[12];
        s.net().residuals(compute, s.w(), s.ws(), 6, 1 / Math.sqrt(6), r, 0);
        double half = 0;
        for (double x : r) {
            half += 0.5 * x * x;
        }
        s.net().forward(compute, s.w(), s.ws(), 6);
        assertEquals(s.net().loss(s.loss(), s.ws(), 6, false) / 6, half, 1e-14);
    }

    private static double[] jtjTimes(double[] j, int m, int n, double[] v) {
        double[] jv = new double[m];
        for (int r = 0; r < m; r++) {
            for (int i = 0; i < n; i++) {
                jv[r] += j[r * n + i] * v[i];
            }
        }
        double[] out = new double[n];
        for (int r = 0; r < m; r++) {
            for (int i = 0; i < n; i++) {
                out[i] += j[r * n + i] * jv[r];
            }
        }
        return out;
    }

    /** Both are sums of the same products in another order: agreement to 1e-12 relative. */
    @Test
    void gaussNewtonProductEqualsJacobianTransposeJacobianTimesV() {
        Setup s = setup(new int[] {4, 6, 5, 3}, TestActivations.logistic(), TestActivations.tanh(), "mse", 7, 11);
        int m = 7 * 3;
        int n = s.w().length;
        double[] j = new double[m * n];
        s.net().jacobian(compute, s.w(), s.ws(), 7, 1 / Math.sqrt(7), j, 0);
        Random random = new Random(4);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        double[] gv = new double[n];
        s.net().gaussNewtonVector(compute, s.w(), v, s.ws(), 7, s.loss(), 1.0 / 7, false, gv);
        double[] expected = jtjTimes(j, m, n, v);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], gv[i], 1e-12 * (1 + Math.abs(expected[i])), "component " + i);
        }
    }

    /**
     * Without a hidden layer the pre-activations are linear in the weights, so the Hessian of
     * softmax cross-entropy is exactly its Gauss-Newton matrix: the two passes must agree.
     */
    @Test
    void forASingleSoftmaxLayerGaussNewtonEqualsTheHessian() {
        Setup s = setup(new int[] {5, 4}, TestActivations.tanh(), TestActivations.softmax(), "cross-entropy", 6, 2);
        int n = s.w().length;
        Random random = new Random(8);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        double[] hv = new double[n];
        double[] gv = new double[n];
        s.net().hessianVector(compute, s.w(), v, s.ws(), 6, s.loss(), 1.0 / 6, false, hv);
        s.net().gaussNewtonVector(compute, s.w(), v, s.ws(), 6, s.loss(), 1.0 / 6, false, gv);
        for (int i = 0; i < n; i++) {
            assertEquals(hv[i], gv[i], 1e-12 * (1 + Math.abs(hv[i])));
        }
    }

    private double[] diagonalOfJtJ(Setup s, int outputs) {
        int m = s.rows() * outputs;
        int n = s.w().length;
        double[] j = new double[m * n];
        s.net().jacobian(compute, s.w(), s.ws(), s.rows(), 1 / Math.sqrt(s.rows()), j, 0);
        double[] diag = new double[n];
        for (int r = 0; r < m; r++) {
            for (int i = 0; i < n; i++) {
                diag[i] += j[r * n + i] * j[r * n + i];
            }
        }
        return diag;
    }

    /** Without hidden layers eqs 54-55 are exact: diag(J'J) to rounding. */
    @Test
    void diagonalGaussNewtonOfASingleLayerEqualsDiagonalOfJtJ() {
        Setup s = setup(new int[] {5, 3}, TestActivations.tanh(), TestActivations.tanh(), "mse", 8, 21);
        double[] diag = new double[s.w().length];
        s.net().diagonalGaussNewton(compute, s.w(), s.ws(), 8, s.loss(), 1.0 / 8, false, diag);
        double[] expected = diagonalOfJtJ(s, 3);
        for (int i = 0; i < diag.length; i++) {
            assertEquals(expected[i], diag[i], 1e-13 * (1 + expected[i]), "parameter " + i);
        }
    }

    /**
     * With hidden layers the output layer's weights are still exact (one output depends on each),
     * and the lower layers follow eq 56, which drops the cross terms of diag(J'J): checked against
     * a direct per-example evaluation of eqs 54-56 written from the formulas.
     */
    @Test
    void diagonalGaussNewtonOfADeepNetIsExactOnTopAndFollowsEq56Below() {
        int[] widths = {4, 5, 3};
        int rows = 6;
        Setup s = setup(widths, TestActivations.scaledTanh(), TestActivations.tanh(), "mse", rows, 31);
        Network net = s.net();
        double[] w = s.w();
        double[] diag = new double[w.length];
        net.diagonalGaussNewton(compute, w, s.ws(), rows, s.loss(), 1.0 / rows, false, diag);
        double[] jtj = diagonalOfJtJ(s, 3);
        for (int i = net.weightOffset(2); i < w.length; i++) {
            assertEquals(jtj[i], diag[i], 1e-13 * (1 + jtj[i]), "output-layer parameter " + i);
        }
        // direct evaluation of eqs 54-56 for the hidden layer
        Activation f = TestActivations.scaledTanh();
        Activation g = TestActivations.tanh();
        double[] expected = new double[w.length];
        double[] x = s.ws().inputs();
        for (int p = 0; p < rows; p++) {
            double[] z1 = new double[5];
            for (int u = 0; u < 5; u++) {
                z1[u] = w[net.biasOffset(1) + u];
                for (int i = 0; i < 4; i++) {
                    z1[u] += w[net.weightOffset(1) + u * 4 + i] * x[p * 4 + i];
                }
            }
            double[] h2 = new double[3];
            for (int k = 0; k < 3; k++) {
                double z2 = w[net.biasOffset(2) + k];
                for (int u = 0; u < 5; u++) {
                    z2 += w[net.weightOffset(2) + k * 5 + u] * f.value(z1[u]);
                }
                h2[k] = g.derivative(z2) * g.derivative(z2); // eq 54 with d2E/do2 = 1
            }
            for (int u = 0; u < 5; u++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    double wk = w[net.weightOffset(2) + k * 5 + u];
                    sum += h2[k] * wk * wk; // eq 56
                }
                double h1 = sum * f.derivative(z1[u]) * f.derivative(z1[u]); // eq 54 one layer down
                for (int i = 0; i < 4; i++) {
                    expected[net.weightOffset(1) + u * 4 + i] += h1 * x[p * 4 + i] * x[p * 4 + i] / rows; // eq 55
                }
                expected[net.biasOffset(1) + u] += h1 / rows;
            }
        }
        for (int i = 0; i < net.weightOffset(2); i++) {
            assertEquals(expected[i], diag[i], 1e-12 * (1 + expected[i]), "hidden-layer parameter " + i);
            assertTrue(diag[i] >= 0);
        }
    }
}

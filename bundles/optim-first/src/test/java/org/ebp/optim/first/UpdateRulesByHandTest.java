package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Optimizer;
import org.junit.jupiter.api.Test;

/**
 * Each update rule, two steps, against its formula worked out in the test on
 * {@code f(w) = 1/2 w'Aw - b'w} with {@code A = [[3,1],[1,2]]}, {@code b = (1,1)}, from
 * {@code w0 = (1,-1)}: {@code g(w) = Aw - b}, so {@code g0 = (1,-2)}. The first step's numbers
 * are written out; the second is computed here from the formula. Tolerance 1e-12: a handful of
 * operations on numbers of order 1.
 */
class UpdateRulesByHandTest {

    private static final double TOLERANCE = 1e-12;
    private static final double[] A = {3, 1, 1, 2};
    private static final double[] B = {1, 1};

    private static double[] gradient(double[] w) {
        return new double[] {A[0] * w[0] + A[1] * w[1] - B[0], A[2] * w[0] + A[3] * w[1] - B[1]};
    }

    private static QuadraticObjective objective() {
        return new QuadraticObjective(A, B);
    }

    /** Runs two steps; returns the weights after each. */
    private static double[][] twoSteps(Optimizer optimizer, Map<String, String> raw, QuadraticObjective f) {
        Settings settings = optimizer.settings(raw);
        State state = optimizer.init(f.layout(), settings);
        double[] w = {1, -1};
        double[][] after = new double[2][];
        for (int t = 0; t < 2; t++) {
            double lossBefore = f.value(w);
            assertEquals(lossBefore, Steps.one(optimizer, settings, w, f, state, t).loss(), TOLERANCE,
                    "a step reports the loss at the weights before it");
            after[t] = w.clone();
        }
        return after;
    }

    @Test
    void sgd() {
        double[][] w = twoSteps(new SgdOptimizer(), Map.of("lr", "0.1"), objective());
        assertArrayEquals(new double[] {0.9, -0.8}, w[0], TOLERANCE);
        double[] g1 = gradient(w[0]);
        assertArrayEquals(new double[] {0.9 - 0.1 * g1[0], -0.8 - 0.1 * g1[1]}, w[1], TOLERANCE);
        assertArrayEquals(new double[] {0.81, -0.63}, w[1], TOLERANCE);
    }

    @Test
    void momentum() {
        double[][] w = twoSteps(new MomentumOptimizer(), Map.of("lr", "0.1", "mu", "0.5"), objective());
        // dw1 = 0.1 g0 + 0.5 * 0 = (0.1, -0.2)
        assertArrayEquals(new double[] {0.9, -0.8}, w[0], TOLERANCE);
        double[] g1 = gradient(w[0]);
        double[] dw2 = {0.1 * g1[0] + 0.5 * 0.1, 0.1 * g1[1] + 0.5 * -0.2};
        assertArrayEquals(new double[] {0.9 - dw2[0], -0.8 - dw2[1]}, w[1], TOLERANCE);
        assertArrayEquals(new double[] {0.76, -0.53}, w[1], TOLERANCE);
    }

    @Test
    void nesterov() {
        double[][] w = twoSteps(new NesterovOptimizer(), Map.of("lr", "0.1", "mu", "0.5"), objective());
        // dw1 = 0.1 g0 = (0.1, -0.2); w1 = w0 - (0.1 g0 + 0.5 dw1) = (1 - 0.15, -1 + 0.3)
        assertArrayEquals(new double[] {0.85, -0.7}, w[0], TOLERANCE);
        double[] g1 = gradient(w[0]);
        double[] dw2 = {0.1 * g1[0] + 0.5 * 0.1, 0.1 * g1[1] + 0.5 * -0.2};
        assertArrayEquals(new double[] {0.85 - (0.1 * g1[0] + 0.5 * dw2[0]), -0.7 - (0.1 * g1[1] + 0.5 * dw2[1])},
                w[1], TOLERANCE);
    }

    @Test
    void perWeightRatesFollowFanIn() {
        ParameterLayout layout = ParameterLayout.builder()
                .add("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 1, 1, 4)
                .add("layer2.weights", 2, ParameterLayout.Role.WEIGHTS, 1, 1, 9)
                .build();
        double[][] w = twoSteps(new PerWeightRateOptimizer(), Map.of("lr", "0.1"), new QuadraticObjective(A, B, layout));
        // rates 0.1 / sqrt(4) = 0.05 and 0.1 / sqrt(9) = 0.1 / 3
        assertArrayEquals(new double[] {1 - 0.05 * 1, -1 + 0.1 / 3 * 2}, w[0], TOLERANCE);
        double[] g1 = gradient(w[0]);
        assertArrayEquals(new double[] {w[0][0] - 0.05 * g1[0], w[0][1] - 0.1 / 3 * g1[1]}, w[1], TOLERANCE);
    }

    @Test
    void adaptiveRateFollowsEquations17To19() {
        AdaptiveRateOptimizer optimizer = new AdaptiveRateOptimizer();
        Map<String, String> raw = Map.of("lr", "0.1", "delta", "0.5", "alpha", "0.1", "beta", "2");
        Settings settings = optimizer.settings(raw);
        QuadraticObjective f = objective();
        State state = optimizer.init(f.layout(), settings);
        double[] w = {1, -1};
        Steps.one(optimizer, settings, w, f, state, 0);
        // eq 17: w1 = w0 - 0.1 g0; eq 18: r1 = 0.5 g0 = (0.5, -1); eq 19 with |r1| = sqrt(1.25)
        assertArrayEquals(new double[] {0.9, -0.8}, w, TOLERANCE);
        assertArrayEquals(new double[] {0.5, -1}, state.array(AdaptiveRateOptimizer.RUNNING_GRADIENT), TOLERANCE);
        double eta1 = 0.1 + 0.1 * 0.1 * (2 * Math.sqrt(1.25) - 0.1);
        assertEquals(eta1, state.scalar(AdaptiveRateOptimizer.ETA, Double.NaN), TOLERANCE);
        assertEquals(0.12136067977499790, eta1, TOLERANCE);

        double[] g1 = gradient(w);
        double[] w2 = {w[0] - eta1 * g1[0], w[1] - eta1 * g1[1]};
        double[] r2 = {0.5 * 0.5 + 0.5 * g1[0], 0.5 * -1 + 0.5 * g1[1]};
        double eta2 = eta1 + 0.1 * eta1 * (2 * Math.hypot(r2[0], r2[1]) - eta1);
        Steps.one(optimizer, settings, w, f, state, 1);
        assertArrayEquals(w2, w, TOLERANCE);
        assertArrayEquals(r2, state.array(AdaptiveRateOptimizer.RUNNING_GRADIENT), TOLERANCE);
        assertEquals(eta2, state.scalar(AdaptiveRateOptimizer.ETA, Double.NaN), TOLERANCE);
    }

    @Test
    void adagrad() {
        double eps = 1e-8;
        double[][] w = twoSteps(new AdaGradOptimizer(), Map.of("lr", "0.1"), objective());
        // s1 = g0^2 = (1, 4)
        assertArrayEquals(new double[] {1 - 0.1 * 1 / (1 + eps), -1 + 0.1 * 2 / (2 + eps)}, w[0], TOLERANCE);
        double[] g1 = gradient(w[0]);
        double[] s2 = {1 + g1[0] * g1[0], 4 + g1[1] * g1[1]};
        assertArrayEquals(new double[] {w[0][0] - 0.1 * g1[0] / (Math.sqrt(s2[0]) + eps),
                w[0][1] - 0.1 * g1[1] / (Math.sqrt(s2[1]) + eps)}, w[1], TOLERANCE);
    }

    @Test
    void rmsprop() {
        double eps = 1e-8;
        double[][] w = twoSteps(new RmsPropOptimizer(), Map.of("lr", "0.1"), objective());
        // v1 = 0.1 g0^2 = (0.1, 0.4)
        assertArrayEquals(new double[] {1 - 0.1 / (Math.sqrt(0.1) + eps), -1 + 0.2 / (Math.sqrt(0.4) + eps)}, w[0],
                TOLERANCE);
        double[] g1 = gradient(w[0]);
        double[] v2 = {0.9 * 0.1 + 0.1 * g1[0] * g1[0], 0.9 * 0.4 + 0.1 * g1[1] * g1[1]};
        assertArrayEquals(new double[] {w[0][0] - 0.1 * g1[0] / (Math.sqrt(v2[0]) + eps),
                w[0][1] - 0.1 * g1[1] / (Math.sqrt(v2[1]) + eps)}, w[1], TOLERANCE);
    }

    @Test
    void adamWithBiasCorrection() {
        double eps = 1e-8;
        AdamOptimizer optimizer = new AdamOptimizer();
        Settings settings = optimizer.settings(Map.of("lr", "0.1"));
        QuadraticObjective f = objective();
        State state = optimizer.init(f.layout(), settings);
        double[] w = {1, -1};
        Steps.one(optimizer, settings, w, f, state, 0);
        // t = 1: m = 0.1 g0, v = 0.001 g0^2; corrected they are g0 and g0^2, a step of lr per weight.
        assertArrayEquals(new double[] {1 - 0.1 * 1 / (1 + eps), -1 + 0.1 * 2 / (2 + eps)}, w, TOLERANCE);
        assertEquals(1.0, state.scalar(AdamOptimizer.STEPS, Double.NaN));

        double[] w1 = w.clone();
        double[] g1 = gradient(w1);
        double[] expected = new double[2];
        double[] g0 = {1, -2};
        for (int i = 0; i < 2; i++) {
            double m = 0.9 * (0.1 * g0[i]) + 0.1 * g1[i];
            double v = 0.999 * (0.001 * g0[i] * g0[i]) + 0.001 * g1[i] * g1[i];
            double mHat = m / (1 - 0.9 * 0.9);
            double vHat = v / (1 - 0.999 * 0.999);
            expected[i] = w1[i] - 0.1 * mHat / (Math.sqrt(vHat) + eps);
        }
        Steps.one(optimizer, settings, w, f, state, 1);
        assertArrayEquals(expected, w, TOLERANCE);
        assertEquals(2.0, state.scalar(AdamOptimizer.STEPS, Double.NaN));
    }

    @Test
    void theRateUsedIsTheScheduledOneNotTheSetting() {
        SgdOptimizer sgd = new SgdOptimizer();
        Settings settings = sgd.settings(Map.of("lr", "0.1"));
        QuadraticObjective f = objective();
        State state = sgd.init(f.layout(), settings);
        double[] w = {1, -1};
        sgd.step(w, f, state, Steps.context(settings, 0.05, 0, f));
        assertArrayEquals(new double[] {1 - 0.05, -1 + 0.1}, w, TOLERANCE);
    }

    @Test
    void adaptiveRateAppliesTheScheduleFactorOnTopOfItsOwnRate() {
        AdaptiveRateOptimizer optimizer = new AdaptiveRateOptimizer();
        Settings settings = optimizer.settings(Map.of("lr", "0.1"));
        QuadraticObjective f = objective();
        State state = optimizer.init(f.layout(), settings);
        double[] w = {1, -1};
        // Schedule at half the base rate: the step is eta(0) * 0.5.
        optimizer.step(w, f, state, Steps.context(settings, 0.05, 0, f));
        assertArrayEquals(new double[] {1 - 0.05, -1 + 0.1}, w, TOLERANCE);
    }

    @Test
    void nesterovIsLookAheadMomentumWithTheWeightsAtTheLookAheadPoint() {
        // Classical form (Sutskever et al. 2013): v' = mu v + eta g(theta - mu v), theta' = theta - v'.
        // The optimizer's weights must be theta - mu v at every step, and its velocity v.
        double eta = 0.05;
        double mu = 0.8;
        QuadraticObjective f = QuadraticObjective.withEigenvalues(new double[] {1, 3, 10}, new double[] {1, -2, 0.5});
        NesterovOptimizer optimizer = new NesterovOptimizer();
        Settings settings = optimizer.settings(Map.of("lr", Double.toString(eta), "mu", Double.toString(mu)));
        State state = optimizer.init(f.layout(), settings);
        double[] w = {0.2, 0.4, -0.3};
        double[] theta = w.clone();
        double[] v = new double[3];
        double[] g = new double[3];
        for (int t = 0; t < 20; t++) {
            double[] lookAhead = {theta[0] - mu * v[0], theta[1] - mu * v[1], theta[2] - mu * v[2]};
            f.valueAndGradient(lookAhead, g);
            for (int i = 0; i < 3; i++) {
                v[i] = mu * v[i] + eta * g[i];
                theta[i] -= v[i];
            }
            Steps.one(optimizer, settings, w, f, state, t);
            double[] velocity = state.array(MomentumOptimizer.VELOCITY);
            // 20 steps of a contraction on O(1) numbers: rounding stays near 1e-15.
            assertArrayEquals(v, velocity, 1e-12, "velocity at step " + t);
            assertArrayEquals(new double[] {theta[0] - mu * v[0], theta[1] - mu * v[1], theta[2] - mu * v[2]}, w, 1e-12,
                    "weights at step " + t);
        }
    }
}

package org.ebp.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.StepContext;
import org.junit.jupiter.api.Test;

class RpropOptimizerTest {

    private final RpropOptimizer rprop = new RpropOptimizer();
    private final ParameterLayout layout = new ParameterLayout(List.of(
            new ParameterLayout.Segment("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 1, 3, 3, 0)));

    /** E(w) = 1/2 sum a_i (w_i - c_i)^2: badly scaled (a spans 4 decades), which RPROP ignores. */
    private static final class Quadratic implements Objective {
        final double[] a = {1e-2, 1, 1e2};
        final double[] c = {1, -2, 0.5};
        final ParameterLayout layout;

        Quadratic(ParameterLayout layout) {
            this.layout = layout;
        }

        @Override public int dimension() { return 3; }
        @Override public ParameterLayout layout() { return layout; }
        @Override public int batchSize() { return 1; }
        @Override public boolean fullBatch() { return true; }
        @Override public String lossName() { return "mse"; }
        @Override public boolean squaredError() { return true; }
        @Override public Set<Capability> capabilities() { return Set.of(); }

        @Override
        public double value(double[] w) {
            double e = 0;
            for (int i = 0; i < 3; i++) {
                e += 0.5 * a[i] * (w[i] - c[i]) * (w[i] - c[i]);
            }
            return e;
        }

        @Override
        public double valueAndGradient(double[] w, double[] g) {
            for (int i = 0; i < 3; i++) {
                g[i] = a[i] * (w[i] - c[i]);
            }
            return value(w);
        }
    }

    private StepContext context(Settings s, long step) {
        return new StepContext(s, Double.NaN, step, 1, layout);
    }

    @Test
    void convergesOnABadlyScaledQuadratic() {
        Settings s = rprop.settings(Map.of("step-max", "0.5"));
        State state = rprop.init(layout, s);
        Quadratic q = new Quadratic(layout);
        double[] w = new double[3];
        for (int t = 0; t < 300; t++) {
            rprop.step(w, q, state, context(s, t));
        }
        // the step sizes shrink by eta-minus at every overshoot, so w ends within a tiny step of c
        assertArrayEquals(q.c, w, 1e-6);
    }

    @Test
    void stepGrowsWhileTheSignHoldsAndShrinksWhenItFlips() {
        Settings s = rprop.defaults();
        State state = rprop.init(layout, s);
        Quadratic q = new Quadratic(layout);
        double[] w = new double[3];
        rprop.step(w, q, state, context(s, 0));
        assertEquals(0.01, w[0], 1e-15, "first step: step0 against the gradient's sign");
        rprop.step(w, q, state, context(s, 1));
        assertEquals(0.012, state.array(RpropOptimizer.STEP)[0], 1e-15, "same sign: step * eta-plus");
        w[1] = -5; // past the minimum at -2 (w[1] came from 0 above it): the gradient of w[1] flips sign
        rprop.step(w, q, state, context(s, 2));
        assertEquals(0.006, state.array(RpropOptimizer.STEP)[1], 1e-15, "sign change: step * eta-minus");
        assertEquals(-5, w[1], 0, "iRprop-: no move after a sign change");
    }

    @Test
    void adoptingAnotherOptimizersStateInitialisesItsOwnEntries() {
        State momentum = new State().putArray("velocity", new double[] {1, 2, 3});
        List<String> reset = rprop.adopt(momentum, layout, rprop.defaults());
        assertTrue(reset.containsAll(List.of(RpropOptimizer.STEP, RpropOptimizer.PREVIOUS)), reset.toString());
        assertArrayEquals(new double[] {0.01, 0.01, 0.01}, momentum.array(RpropOptimizer.STEP), 0);
        assertArrayEquals(new double[] {1, 2, 3}, momentum.array("velocity"), 0, "what it does not know is kept");
    }
}

package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, point 2: a plugin's Nadam that relies on the API's default {@code adopt}, swapped in
 * from rmsprop. Before state groups it took rmsprop's {@code v} without a {@code t}, read it as one
 * step old and divided it by 1 - beta2 = 0.001: a thousandfold inflation.
 */
class NadamHandoverTest {

    /** Nadam as a third party writes it: no adopt of its own, only the state group. */
    static final class Nadam implements Optimizer {
        private final boolean grouped;

        Nadam(boolean grouped) {
            this.grouped = grouped;
        }

        @Override public String name() { return "nadam"; }
        @Override public String description() { return "Adam with Nesterov momentum (Dozat 2016)"; }
        @Override public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.real("lr", 0.001, 0, 1, "rate"),
                    ParameterSpec.real("beta1", 0.9, 0, 1, "mean of g").excludingMax(),
                    ParameterSpec.real("beta2", 0.999, 0, 1, "mean of g^2").excludingMax(),
                    ParameterSpec.real("eps", 1e-8, 0, 1, "eps").excludingMin());
        }
        @Override public List<Set<String>> stateGroups() {
            return grouped ? List.of(Set.of("m", "v", "t")) : List.of();
        }
        @Override public State init(ParameterLayout layout, Settings settings) {
            return new State().putArray("m", new double[layout.size()]).putArray("v", new double[layout.size()]).putScalar("t", 0);
        }
        @Override public StepResult step(double[] w, Objective objective, State state, StepContext context) {
            double[] g = new double[w.length];
            double loss = objective.valueAndGradient(w, g);
            Settings s = context.settings();
            double b1 = s.getDouble("beta1");
            double b2 = s.getDouble("beta2");
            double t = state.scalar("t", 0) + 1;
            state.putScalar("t", t);
            double[] m = state.array("m");
            double[] v = state.array("v");
            for (int i = 0; i < w.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = (b1 * m[i] + (1 - b1) * g[i]) / (1 - Math.pow(b1, t + 1));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= context.learningRate() * mHat / (Math.sqrt(vHat) + s.getDouble("eps"));
            }
            return StepResult.of(loss);
        }
    }

    /** rmsprop trains for 200 steps, then Nadam adopts its state; returns Nadam's v after adopt and the reset names. */
    private static Object[] handOver(Nadam nadam) {
        QuadraticObjective f = QuadraticObjective.withEigenvalues(new double[] {1, 10, 100}, new double[] {1, -2, 3});
        RmsPropOptimizer rmsprop = new RmsPropOptimizer();
        Settings rs = rmsprop.defaults();
        State state = rmsprop.init(f.layout(), rs);
        double[] w = new double[3];
        for (int k = 0; k < 200; k++) {
            Steps.one(rmsprop, rs, w, f, state, k);
        }
        double vBefore = state.array("v")[2];
        List<String> reset = nadam.adopt(state, f.layout(), nadam.defaults());
        double[] g = new double[3];
        f.valueAndGradient(w, g);
        // the bias-corrected v Nadam's first step will use, against the squared gradient it estimates
        double vHat = (0.999 * state.array("v")[2] + 0.001 * g[2] * g[2]) / (1 - 0.999);
        return new Object[] {reset, vBefore, vHat, g[2] * g[2]};
    }

    @Test
    void withoutTheGroupVIsTakenWithoutItsStepCountAndInflated() {
        Object[] r = handOver(new Nadam(false));
        assertEquals(List.of("m", "t"), r[0]);
        double vHat = (double) r[2];
        double vBefore = (double) r[1];
        assertTrue(vHat > 500 * vBefore, "the failure this test guards against: v inflated " + vHat / vBefore + "x");
    }

    @Test
    void withTheGroupTheMomentsAndStepCountAreReinitialisedTogether() {
        Object[] r = handOver(new Nadam(true));
        assertEquals(Set.of("m", "v", "t"), Set.copyOf((List<?>) r[0]), "all of the group, and the session says so");
        double vHat = (double) r[2];
        double g2 = (double) r[3];
        // a fresh v: the first bias-corrected estimate is the squared gradient itself
        assertEquals(g2, vHat, 1e-9 * g2);
    }

    @Test
    void builtInAdamDeclaresTheSameGroup() {
        assertEquals(List.of(Set.of("m", "v", "t")), new AdamOptimizer().stateGroups());
    }
}

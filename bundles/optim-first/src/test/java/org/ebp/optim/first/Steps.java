package org.ebp.optim.first;

import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;

/** Runs optimizer steps the way a session does, for tests. */
final class Steps {

    private Steps() {
    }

    static StepContext context(Settings settings, double rate, long step, Objective objective) {
        return new StepContext(settings, rate, step, 1, objective.layout());
    }

    /** One step at the rate given by the {@code lr} setting. */
    static StepResult one(Optimizer optimizer, Settings settings, double[] w, Objective objective, State state, long step) {
        return optimizer.step(w, objective, state, context(settings, settings.getDouble("lr"), step, objective));
    }

    /** Largest absolute difference. */
    static double distance(double[] x, double[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }
}

package org.ebp.optim.second;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;

/** Drives an optimizer as the session does: one step per epoch on a full-batch objective. */
final class Runs {

    record Outcome(int steps, boolean stopped, List<String> messages, StepResult last) {
    }

    private Runs() {
    }

    static Outcome run(Optimizer optimizer, Map<String, String> raw, Objective objective, double[] w, int maxSteps) {
        Settings settings = optimizer.settings(raw);
        State state = optimizer.init(objective.layout(), settings);
        double lr = settings.has("lr") ? settings.getDouble("lr") : Double.NaN;
        List<String> messages = new ArrayList<>();
        StepResult result = null;
        for (int step = 0; step < maxSteps; step++) {
            result = optimizer.step(w, objective, state, new StepContext(settings, lr, step, step + 1, objective.layout()));
            if (result.message() != null) {
                messages.add(result.message());
            }
            if (result.stop()) {
                return new Outcome(step + 1, true, messages, result);
            }
        }
        return new Outcome(maxSteps, false, messages, result);
    }
}

package org.ebp.optim.first;

import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/**
 * Piecewise-constant decay: {@code lr * gamma^floor((epoch - 1) / every)}, i.e. the rate is
 * multiplied by {@code gamma} after every {@code every} epochs.
 */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + StepDecaySchedule.NAME})
public final class StepDecaySchedule extends DecaySchedule {

    static final String NAME = "step";

    public StepDecaySchedule() {
        super(NAME, "lr * gamma^floor((epoch-1)/every): multiply by gamma every few epochs",
                ParameterSpec.real("gamma", 0.1, 0.0, 1.0, "factor applied to the rate every `every` epochs"),
                ParameterSpec.integer("every", 10, 1, Integer.MAX_VALUE, "epochs between two decays"));
    }

    @Override
    double decayedRate(Context context, Settings settings) {
        int decays = (context.epoch() - 1) / settings.getInt("every");
        return context.baseRate() * Math.pow(settings.getDouble("gamma"), decays);
    }
}

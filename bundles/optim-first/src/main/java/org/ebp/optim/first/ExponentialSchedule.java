package org.ebp.optim.first;

import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/** Exponential decay per epoch: {@code lr * gamma^(epoch - 1)}. */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + ExponentialSchedule.NAME})
public final class ExponentialSchedule extends DecaySchedule {

    static final String NAME = "exponential";

    public ExponentialSchedule() {
        super(NAME, "lr * gamma^(epoch-1): multiply by gamma after every epoch",
                ParameterSpec.real("gamma", 0.95, 0.0, 1.0, "factor applied to the rate after every epoch"));
    }

    @Override
    double decayedRate(Context context, Settings settings) {
        return context.baseRate() * Math.pow(settings.getDouble("gamma"), context.epoch() - 1);
    }
}

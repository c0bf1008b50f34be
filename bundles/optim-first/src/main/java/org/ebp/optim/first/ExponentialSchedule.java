package org.ebp.optim.first;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/** Exponential decay per epoch: {@code lr * gamma^(epoch - 1)}. */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + ExponentialSchedule.NAME})
public final class ExponentialSchedule implements Schedule {

    static final String NAME = "exponential";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("gamma", 0.95, 0.0, 1.0, "factor applied to the rate after every epoch"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "lr * gamma^(epoch-1): multiply by gamma after every epoch";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public double rate(Context context, State state, Settings settings) {
        ScheduleContexts.check(context, NAME);
        return context.baseRate() * Math.pow(settings.getDouble("gamma"), context.epoch() - 1);
    }
}

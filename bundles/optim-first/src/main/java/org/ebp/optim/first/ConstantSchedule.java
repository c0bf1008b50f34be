package org.ebp.optim.first;

import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/** The optimizer's {@code lr}, unchanged for the whole run. */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + ConstantSchedule.NAME})
public final class ConstantSchedule implements Schedule {

    /** The rate depends on the step count only. */
    @Override
    public boolean readsWeights() {
        return false;
    }

    static final String NAME = "constant";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the optimizer's lr for every step";
    }

    @Override
    public double rate(Context context, State state, Settings settings) {
        ScheduleContexts.check(context, NAME);
        return context.baseRate();
    }
}

package org.ebp.optim.first;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Schedule;

/**
 * What the stateless decay schedules share: a name, a description, fixed settings, and a rate
 * that is the optimizer's base rate shrunk by a function of where training is. The context is
 * checked ({@link ScheduleContexts#check}) before {@link #decayedRate} sees it.
 */
abstract class DecaySchedule implements Schedule {

    /** The rate depends on the step count only. */
    @Override
    public boolean readsWeights() {
        return false;
    }

    private final String name;
    private final String description;
    private final List<ParameterSpec> parameters;

    DecaySchedule(String name, String description, ParameterSpec... parameters) {
        this.name = name;
        this.description = description;
        this.parameters = List.of(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return parameters;
    }

    @Override
    public final double rate(Context context, State state, Settings settings) {
        ScheduleContexts.check(context, name);
        return decayedRate(context, settings);
    }

    /** The rate at {@code context} (already checked: finite base rate, step >= 0, epoch >= 1). */
    abstract double decayedRate(Context context, Settings settings);
}

package org.ebp.optim.first;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/**
 * Darken and Moody's search-then-converge schedule in its simple form,
 * <pre>  rate(step) = lr / (1 + step / tau)</pre>
 * nearly constant while {@code step << tau} (search) and {@code lr tau / step} afterwards
 * (converge, the {@code c / t} rate of section 1.4.1 with {@code c = lr tau}). It equals
 * {@code annealing} with {@code t0 = tau}; it is offered under the name users of Darken and Moody
 * look for.
 */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + SearchThenConvergeSchedule.NAME})
public final class SearchThenConvergeSchedule implements Schedule {

    static final String NAME = "search-then-converge";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("tau", 1000.0, 1.0, 1e15, "steps of the search phase; the rate has halved at step tau"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Darken-Moody search-then-converge: lr / (1 + step/tau)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public double rate(Context context, State state, Settings settings) {
        ScheduleContexts.check(context, NAME);
        return context.baseRate() / (1.0 + context.step() / settings.getDouble("tau"));
    }
}

package org.ebp.optim.first;

import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
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
public final class SearchThenConvergeSchedule extends DecaySchedule {

    static final String NAME = "search-then-converge";

    public SearchThenConvergeSchedule() {
        super(NAME, "Darken-Moody search-then-converge: lr / (1 + step/tau)",
                ParameterSpec.real("tau", 1000.0, 1.0, 1e15, "steps of the search phase; the rate has halved at step tau"));
    }

    @Override
    double decayedRate(Context context, Settings settings) {
        return context.baseRate() / (1.0 + context.step() / settings.getDouble("tau"));
    }
}

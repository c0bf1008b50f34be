package org.ebp.optim.first;

import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/**
 * The annealing of section 1.4.1: the optimal rate near a minimum falls as {@code c / t} with
 * {@code t} the number of presentations. Written as {@code c / (t + t0)} with {@code c = lr * t0},
 * so that the first step uses {@code lr}:
 * <pre>  rate(step) = lr * t0 / (t0 + step)</pre>
 * with {@code step} the optimizer steps taken (presentations when the batch size is 1). The
 * chapter notes this is "in practice maybe too fast": a larger {@code t0} keeps the rate up
 * longer.
 */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + AnnealingSchedule.NAME})
public final class AnnealingSchedule extends DecaySchedule {

    static final String NAME = "annealing";

    public AnnealingSchedule() {
        super(NAME, "c/t annealing of sec. 1.4.1: lr * t0 / (t0 + step)",
                ParameterSpec.real("t0", 1000.0, 1.0, 1e15, "steps until the rate has halved (c/(t+t0) with c = lr t0)"));
    }

    @Override
    double decayedRate(Context context, Settings settings) {
        double t0 = settings.getDouble("t0");
        return context.baseRate() * t0 / (t0 + context.step());
    }
}

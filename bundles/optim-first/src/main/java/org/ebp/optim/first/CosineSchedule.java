package org.ebp.optim.first;

import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/**
 * Cosine annealing with a linear warm-up (Loshchilov and Hutter 2017, without restarts), over
 * the part of the run in which the schedule is used: with {@code k} steps taken since it came
 * into use and {@code N} steps planned from then to the run's end,
 * <pre>
 *   rate = lr (k + 1) / warmup                                         for k &lt; warmup
 *   rate = lr (floor + (1 - floor) (1 + cos(pi (k - warmup) / (N - warmup))) / 2)   after
 * </pre>
 * so a cosine chosen mid-run starts at {@code lr} where it is chosen (not at the value a run
 * started with it would have reached) and ends at {@code floor lr} at the planned end. Steps past
 * the plan (a sampler that grew the epoch) keep {@code floor lr}.
 */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + CosineSchedule.NAME})
public final class CosineSchedule extends DecaySchedule {

    static final String NAME = "cosine";

    public CosineSchedule() {
        super(NAME, "lr (1 + cos(pi k/N))/2 over the rest of the run from where it is chosen, after a linear warm-up",
                ParameterSpec.integer("warmup", 0, 0, Integer.MAX_VALUE,
                        "steps over which the rate rises linearly to lr before the cosine starts"),
                ParameterSpec.real("floor", 0.0, 0.0, 1.0, "the rate at the run's planned end, as a fraction of lr"));
    }

    @Override
    double decayedRate(Context context, Settings settings) {
        long planned = context.plannedStepsInUse();
        if (planned <= 0) {
            throw new IllegalArgumentException("schedule 'cosine' needs the run's planned length, which this context "
                    + "does not give; use it in a train run (the workbench gives the plan), or a schedule such as exponential");
        }
        long k = context.stepsInUse();
        int warmup = settings.getInt("warmup");
        double base = context.baseRate();
        if (k < warmup) {
            return base * (k + 1) / warmup;
        }
        double floor = settings.getDouble("floor");
        double span = Math.max(1, planned - warmup);
        double progress = Math.min(1.0, (k - warmup) / span);
        return base * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}

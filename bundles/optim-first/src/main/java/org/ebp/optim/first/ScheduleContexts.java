package org.ebp.optim.first;

import org.ebp.api.optim.Schedule;

/** The checks every schedule makes on where training is. */
final class ScheduleContexts {

    private ScheduleContexts() {
    }

    static void check(Schedule.Context context, String schedule) {
        if (context == null) {
            throw new IllegalArgumentException("schedule '" + schedule + "' got no context");
        }
        double base = context.baseRate();
        if (!(base >= 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("schedule '" + schedule + "': base rate " + base
                    + " is not a finite non-negative number; check the optimizer's lr");
        }
        if (context.step() < 0) {
            throw new IllegalArgumentException("schedule '" + schedule + "': step " + context.step()
                    + " is negative; steps count from 0");
        }
        if (context.epoch() < 1) {
            throw new IllegalArgumentException("schedule '" + schedule + "': epoch " + context.epoch()
                    + " is below 1; epochs count from 1");
        }
    }
}

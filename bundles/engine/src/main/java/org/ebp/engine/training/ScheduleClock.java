package org.ebp.engine.training;

import org.ebp.api.component.State;

/**
 * Where the current train call and the schedule in it began, for {@code Schedule.Context}: the
 * step at which the run started, its planned length, and the step from which the schedule has
 * been in use (a schedule chosen mid-run gets a new state from the session, which is how its
 * arrival is seen here). Written only by the training loop, under the session's lock.
 */
final class ScheduleClock {

    private long runStart = -1;
    private long plannedSteps;
    private long useStart;
    private State scheduleState;

    /** A train call begins: its start is taken at its first epoch. */
    void newRun() {
        runStart = -1;
    }

    /** At an epoch start: the first epoch of a run fixes the run's start and plan. */
    void epochBegins(long step, int epochs, int stepsPerEpoch, State schedule) {
        if (runStart < 0) {
            runStart = step;
            plannedSteps = (long) epochs * stepsPerEpoch;
            useStart = step;
            scheduleState = schedule;
        }
    }

    /** Before a step: a schedule state this clock has not seen is a schedule chosen now. */
    void beforeStep(long step, State schedule) {
        if (schedule != scheduleState) {
            scheduleState = schedule;
            useStart = Math.max(step, runStart);
        }
    }

    /** The restored schedule state of a failed epoch is the same schedule, not a new choice. */
    void restored(State schedule) {
        scheduleState = schedule;
    }

    long runStart() {
        return Math.max(0, runStart);
    }

    long plannedSteps() {
        return plannedSteps;
    }

    long useStart() {
        return useStart;
    }
}

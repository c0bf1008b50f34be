package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Schedule;
import org.ebp.api.optim.StepResult;
import org.junit.jupiter.api.Test;

/**
 * Every optimizer reaches the minimum of a convex quadratic with condition number 10
 * (Hessian eigenvalues 1, 3, 10, not axis-aligned) to 1e-6 in every coordinate, from w = 0
 * (distance 2 from the minimum), within a bounded number of steps. The bounds are about twice
 * the steps measured, and for the plain rules follow from eq 33: the error contracts by
 * max |1 - eta lambda| per step.
 */
class ConvergenceTest {

    private static final double[] MINIMUM = {1, -2, 0.5};
    private static final double TOLERANCE = 1e-6;

    /** Steps until every coordinate is within 1e-6 of the minimum; fails past {@code maxSteps}. */
    private static int stepsToMinimum(Optimizer optimizer, Map<String, String> raw, Schedule schedule,
                                      Map<String, String> scheduleRaw, int maxSteps) {
        Settings settings = optimizer.settings(raw);
        Settings scheduleSettings = schedule.settings(scheduleRaw);
        QuadraticObjective f = QuadraticObjective.withEigenvalues(new double[] {1, 3, 10}, MINIMUM);
        double[] w = new double[3];
        State state = optimizer.init(f.layout(), settings);
        State scheduleState = schedule.init(scheduleSettings);
        for (int step = 0; step < maxSteps; step++) {
            if (Steps.distance(w, MINIMUM) <= TOLERANCE) {
                return step;
            }
            // One step per "epoch" so that epoch-based schedules decay per step on this tiny problem.
            double rate = schedule.rate(new Schedule.Context(settings.getDouble("lr"), step, step + 1, 1, f, w),
                    scheduleState, scheduleSettings);
            StepResult result = optimizer.step(w, f, state, Steps.context(settings, rate, step, f));
            assertFalse(result.stop(), optimizer.name() + " stopped: " + result.message());
        }
        throw new AssertionError(optimizer.name() + " " + raw + " did not reach the minimum in " + maxSteps
                + " steps; distance " + Steps.distance(w, MINIMUM));
    }

    private static int constantRate(Optimizer optimizer, Map<String, String> raw, int maxSteps) {
        return stepsToMinimum(optimizer, raw, new ConstantSchedule(), Map.of(), maxSteps);
    }

    @Test
    void sgd() {
        // eta = 1/lambda_max (eq 39): the error contracts by 1 - 0.1 * lambda_min = 0.9 per step (eq 33),
        // so 0.9^k * |w0 - w*| = 0.9^k * 2.29 is below 1e-6 after 139 steps.
        constantRate(new SgdOptimizer(), Map.of("lr", "0.1"), 140);
    }

    @Test
    void momentum() {
        constantRate(new MomentumOptimizer(), Map.of("lr", "0.1", "mu", "0.5"), 100);
        constantRate(new MomentumOptimizer(), Map.of("lr", "0.1", "mu", "0.9"), 500);
    }

    @Test
    void nesterov() {
        constantRate(new NesterovOptimizer(), Map.of("lr", "0.1", "mu", "0.5"), 100);
        constantRate(new NesterovOptimizer(), Map.of("lr", "0.1", "mu", "0.9"), 250);
    }

    @Test
    void perWeight() {
        // One segment of fan-in 3: rate 0.17 / sqrt(3) = 0.098, close to 1/lambda_max.
        constantRate(new PerWeightRateOptimizer(), Map.of("lr", "0.17"), 300);
    }

    @Test
    void adaptive() {
        // From the default eta(0) = 0.01 the rate climbs towards beta |r| and settles near 0.15
        // (the gradients of this quadratic are small, so beta is large).
        constantRate(new AdaptiveRateOptimizer(), Map.of("beta", "20"), 400);
    }

    @Test
    void adagrad() {
        constantRate(new AdaGradOptimizer(), Map.of("lr", "1"), 150);
    }

    @Test
    void rmspropWithADecayingRate() {
        // With a constant rate RMSprop's steps near the minimum stay about lr in size (g / sqrt(v)
        // is about 1) and it circles the minimum at distance ~lr; a decaying rate brings it in.
        stepsToMinimum(new RmsPropOptimizer(), Map.of("lr", "0.05"), new ExponentialSchedule(), Map.of("gamma", "0.98"),
                1000);
    }

    @Test
    void adam() {
        constantRate(new AdamOptimizer(), Map.of("lr", "0.1"), 600);
        stepsToMinimum(new AdamOptimizer(), Map.of("lr", "0.1"), new SearchThenConvergeSchedule(), Map.of("tau", "100"),
                600);
    }

    @Test
    void sgdWithAnnealing() {
        // c/(t + t0) with t0 = 1000: the rate stays within a factor 2 of 0.1 for the first 1000 steps.
        stepsToMinimum(new SgdOptimizer(), Map.of("lr", "0.1"), new AnnealingSchedule(), Map.of(), 300);
    }
}

package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Schedule;
import org.junit.jupiter.api.Test;

/** Schedule values at given steps and epochs; tolerance 1e-15 relative (one or two operations). */
class ScheduleTest {

    private static double rate(Schedule schedule, Map<String, String> raw, double base, long step, int epoch) {
        Settings settings = schedule.settings(raw);
        return schedule.rate(new Schedule.Context(base, step, epoch, 100, null, null), schedule.init(settings), settings);
    }

    @Test
    void constant() {
        assertEquals(0.3, rate(new ConstantSchedule(), Map.of(), 0.3, 0, 1), 0.0);
        assertEquals(0.3, rate(new ConstantSchedule(), Map.of(), 0.3, 123456, 99), 0.0);
    }

    @Test
    void stepDecay() {
        Map<String, String> raw = Map.of("gamma", "0.5", "every", "3");
        StepDecaySchedule schedule = new StepDecaySchedule();
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int epoch = 1; epoch <= 7; epoch++) {
            assertEquals(expected[epoch - 1], rate(schedule, raw, 1.0, 0, epoch), 1e-15, "epoch " + epoch);
        }
        // Defaults: x0.1 every 10 epochs.
        assertEquals(0.01, rate(schedule, Map.of(), 0.1, 0, 11), 1e-17);
        assertEquals(0.1, rate(schedule, Map.of(), 0.1, 0, 10), 1e-17);
    }

    @Test
    void annealingIsCOverTPlusT0() {
        AnnealingSchedule schedule = new AnnealingSchedule();
        assertEquals(0.2, rate(schedule, Map.of(), 0.2, 0, 1), 1e-16);
        assertEquals(0.1, rate(schedule, Map.of(), 0.2, 1000, 1), 1e-16);
        assertEquals(0.2 * 1000 / 4000.0, rate(schedule, Map.of(), 0.2, 3000, 1), 1e-16);
        // Far out it is c/t with c = lr * t0.
        long t = 1_000_000_000L;
        assertEquals(0.2 * 10 / t, rate(schedule, Map.of("t0", "10"), 0.2, t, 1), 1e-6 * 0.2 * 10 / t);
    }

    @Test
    void searchThenConverge() {
        SearchThenConvergeSchedule schedule = new SearchThenConvergeSchedule();
        assertEquals(0.5, rate(schedule, Map.of("tau", "50"), 0.5, 0, 1), 1e-16);
        assertEquals(0.25, rate(schedule, Map.of("tau", "50"), 0.5, 50, 1), 1e-16);
        assertEquals(0.5 / 3, rate(schedule, Map.of("tau", "50"), 0.5, 100, 1), 1e-16);
        // Search phase: nearly constant while step << tau.
        assertTrue(rate(schedule, Map.of(), 0.5, 10, 1) > 0.99 * 0.5);
    }

    @Test
    void exponential() {
        ExponentialSchedule schedule = new ExponentialSchedule();
        assertEquals(1.0, rate(schedule, Map.of("gamma", "0.5"), 1.0, 0, 1), 0.0);
        assertEquals(0.125, rate(schedule, Map.of("gamma", "0.5"), 1.0, 0, 4), 1e-16);
        assertEquals(0.1 * Math.pow(0.95, 9), rate(schedule, Map.of(), 0.1, 0, 10), 1e-16);
    }

    @Test
    void invalidSettingsAndContextsAreRejected() {
        assertThrows(InvalidSettingException.class, () -> new StepDecaySchedule().settings(Map.of("gamma", "1.5")));
        assertThrows(InvalidSettingException.class, () -> new StepDecaySchedule().settings(Map.of("every", "0")));
        assertThrows(InvalidSettingException.class, () -> new AnnealingSchedule().settings(Map.of("t0", "-5")));
        assertThrows(InvalidSettingException.class, () -> new SearchThenConvergeSchedule().settings(Map.of("tau", "NaN")));
        assertThrows(InvalidSettingException.class, () -> new ExponentialSchedule().settings(Map.of("gamma", "-0.1")));
        assertThrows(IllegalArgumentException.class, () -> rate(new ConstantSchedule(), Map.of(), Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> rate(new ConstantSchedule(), Map.of(), 0.1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> rate(new ExponentialSchedule(), Map.of(), 0.1, 0, 0));
    }
}

package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Schedule;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, point 4: a schedule knows the run. Values of the cosine at known points of the
 * formula; tolerance 1e-12 relative (a cosine and a few products).
 */
class CosineScheduleTest {

    private final CosineSchedule cosine = new CosineSchedule();

    private double rate(Map<String, String> raw, long step, long runStart, long useStart, long planned) {
        Settings settings = cosine.settings(raw);
        return cosine.rate(new Schedule.Context(0.1, step, 1, 10, null, null, runStart, useStart, planned),
                cosine.init(settings), settings);
    }

    @Test
    void overARunItFallsFromLrToTheFloorAlongHalfACosine() {
        assertEquals(0.1, rate(Map.of(), 0, 0, 0, 100), 1e-13);
        assertEquals(0.05, rate(Map.of(), 50, 0, 0, 100), 1e-13);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), rate(Map.of(), 25, 0, 0, 100), 1e-13);
        assertEquals(0.0, rate(Map.of(), 100, 0, 0, 100), 1e-13);
        assertEquals(0.01, rate(Map.of("floor", "0.1"), 100, 0, 0, 100), 1e-13);
        assertEquals(0.01, rate(Map.of("floor", "0.1"), 140, 0, 0, 100), 1e-13, "past the plan it stays at the floor");
    }

    @Test
    void chosenMidRunItStartsAtLrWhereItIsChosenNotAtZero() {
        // the session has taken 1000 steps; this run started at 900 with 200 planned; cosine chosen at 1000
        double first = rate(Map.of(), 1000, 900, 1000, 200);
        assertEquals(0.1, first, 1e-13, "the issue's bug: the session's total step count gave rate 0 here");
        assertEquals(0.05, rate(Map.of(), 1050, 900, 1000, 200), 1e-13, "half-way through the remaining 100 steps");
        assertEquals(0.0, rate(Map.of(), 1100, 900, 1000, 200), 1e-13);
    }

    @Test
    void theWarmUpRisesLinearlyThenTheCosineStarts() {
        Map<String, String> raw = Map.of("warmup", "10");
        assertEquals(0.01, rate(raw, 0, 0, 0, 110), 1e-13);
        assertEquals(0.05, rate(raw, 4, 0, 0, 110), 1e-13);
        assertEquals(0.1, rate(raw, 10, 0, 0, 110), 1e-13);
        assertEquals(0.05, rate(raw, 60, 0, 0, 110), 1e-13);
        for (long k = 1; k < 110; k++) {
            double now = rate(raw, k, 0, 0, 110);
            double before = rate(raw, k - 1, 0, 0, 110);
            // the warm-up reaches lr at its last step (k = 9) and the cosine starts from lr (k = 10)
            assertTrue(k < 10 ? now > before : k == 10 ? now == before : now < before, "up, then down, at step " + k);
        }
    }

    @Test
    void withoutAPlanItSaysWhatItNeeds() {
        Settings settings = cosine.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cosine.rate(new Schedule.Context(0.1, 5, 1, 10, null, null), cosine.init(settings), settings));
        assertTrue(e.getMessage().contains("planned length"), e.getMessage());
    }
}

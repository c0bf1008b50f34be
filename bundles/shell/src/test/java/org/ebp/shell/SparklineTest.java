package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ebp.api.session.EpochReport;
import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void theLowestValueIsTheLowestBlockAndTheHighestTheHighest() {
        assertEquals("\u2588\u2585\u2581\u2581", Sparkline.of(new double[] {4, 2.5, 0.5, 0.5}, 40));
        assertEquals("\u2585\u2585", Sparkline.of(new double[] {1, 1}, 40), "a flat curve sits in the middle");
        assertEquals("\u2588 \u2581", Sparkline.of(new double[] {2, Double.NaN, 1}, 40), "a NaN epoch is a gap");
    }

    @Test
    void aLongHistoryIsAveragedIntoTheWidth() {
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 100 - i;
        }
        String line = Sparkline.of(values, 40);
        assertEquals(40, line.length());
        assertEquals('\u2588', line.charAt(0));
        assertEquals('\u2581', line.charAt(39));
    }

    @Test
    void theStatusLineNamesTheFirstAndLastLoss() {
        assertNull(Sparkline.trainLoss(List.of()));
        String line = Sparkline.trainLoss(List.of(new EpochReport(1, 10, 1.0, null, Double.NaN, Double.NaN, 0.01, 0.1),
                new EpochReport(2, 20, 0.5, null, Double.NaN, Double.NaN, 0.01, 0.1)));
        assertTrue(line.startsWith("train loss \u2588\u2581  1.0000 -> 0.5000 (2 epochs)"), line);
    }
}

package org.ebp.plots.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.plots.chart.Chart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curves from epoch reports and history: series, swap positions, files. */
class CurvesFigureTest {

    @TempDir
    Path dir;

    private static List<EpochReport> epochs(int n, long stepsPerEpoch) {
        List<EpochReport> list = new java.util.ArrayList<>();
        for (int e = 1; e <= n; e++) {
            list.add(new EpochReport(e, e * stepsPerEpoch, 1.0 / e, "test", 1.2 / e, 0.5 + 0.04 * e, 0.01, 0.1));
        }
        return list;
    }

    @Test
    void aSwapIsPlacedInsideItsEpochByItsStep() {
        List<EpochReport> epochs = epochs(5, 100);
        // 2 epochs finished (step 200), swapped at step 250: halfway through epoch 3
        SessionEvent swap = new SessionEvent(250, 2, "swap", "optimizer momentum lr=0.01 mu=0.9", 0);
        assertEquals(2.5, CurvesFigure.position(swap, epochs), 1e-12);
        assertEquals("momentum", CurvesFigure.shortLabel(swap));
        SessionEvent atStart = new SessionEvent(0, 0, "swap", "optimizer adam", 0);
        assertEquals(0.0, CurvesFigure.position(atStart, epochs), 1e-12);
    }

    @Test
    void lossAndAccuracyPanelsWithOneSeriesPerCurveAndSeveralRunsNamed() {
        List<SessionEvent> events = List.of(new SessionEvent(250, 2, "swap", "optimizer momentum", 0),
                new SessionEvent(300, 3, "use", "optimizer sgd", 0));
        List<Chart> charts = CurvesFigure.of(List.of(new RunCurves("3", epochs(5, 100), events),
                new RunCurves("4", epochs(3, 100), List.of())));
        assertEquals(2, charts.size());
        assertEquals(List.of("3 train loss", "3 test loss", "4 train loss", "4 test loss"),
                charts.get(0).series().stream().map(s -> s.name()).toList());
        assertEquals(2, charts.get(0).marks().size(), "the swap in a run and the use between runs are marked");
        assertEquals(List.of(2.5, 3.0), charts.get(0).marks().stream().map(m -> m.x()).toList());
        assertEquals(54.0, charts.get(1).series().get(0).ys()[0], 1e-9, "accuracy in percent");
    }

    @Test
    void aSwapSeenByARunRecordAndTheSessionIsOneMarkNamingBoth() {
        SessionEvent swap = new SessionEvent(250, 2, "swap", "optimizer momentum lr=0.01", 0);
        List<Chart> charts = CurvesFigure.of(List.of(new RunCurves("run 4", epochs(5, 100), List.of(swap)),
                new RunCurves("session", epochs(5, 100), List.of(swap))));
        assertEquals(List.of("run 4, session: momentum"), charts.get(0).marks().stream().map(m -> m.label()).toList());
        List<Chart> apart = CurvesFigure.of(List.of(new RunCurves("run 4", epochs(5, 100), List.of(swap)),
                new RunCurves("run 5", epochs(5, 100), List.of(new SessionEvent(350, 3, "swap", "optimizer momentum", 0)))));
        assertEquals(2, apart.get(0).marks().size(), "swaps at different steps stay two marks");
    }

    @Test
    void aChoiceBeforeTheFirstEpochIsNoSwap() {
        assertEquals(null, CurvesFigure.markKind(new SessionEvent(0, 0, "use", "optimizer adam", 0)));
        assertEquals("swap", CurvesFigure.markKind(new SessionEvent(300, 3, "use", "optimizer adam", 0)));
        assertEquals("pause", CurvesFigure.markKind(new SessionEvent(310, 3, "pause", "paused at step 310", 0)));
        assertEquals(null, CurvesFigure.markKind(new SessionEvent(310, 3, "refused", "use optimizer x refused", 0)));
    }

    @Test
    void theEpochBeingRunIsAPointThatMovesWithinTheEpoch() {
        List<EpochReport> done = epochs(2, 100);
        RunCurves run = new RunCurves("session", done, List.of());
        // epoch 3, 25 of 100 steps: a quarter into it, at the running mean loss
        List<Chart> quarter = CurvesFigure.of(run, new org.ebp.api.session.StepProgress(3, 25, 100, 225, 900, 3, 0.42));
        org.ebp.plots.chart.Series point = quarter.get(0).series().get(quarter.get(0).series().size() - 1);
        assertEquals("epoch 3 so far", point.name());
        assertEquals(List.of(2.0, 2.25), java.util.Arrays.stream(point.xs()).boxed().toList());
        assertEquals(List.of(0.5, 0.42), java.util.Arrays.stream(point.ys()).boxed().toList(), "from epoch 2's train loss");
        List<Chart> later = CurvesFigure.of(run, new org.ebp.api.session.StepProgress(3, 80, 100, 280, 900, 1, 0.4));
        assertEquals(2.8, later.get(0).series().get(later.get(0).series().size() - 1).xs()[1], 1e-12);
        assertEquals(CurvesFigure.of(List.of(run)).get(0).series().size(),
                CurvesFigure.of(run, null).get(0).series().size(), "no point when no epoch runs");
        List<Chart> first = CurvesFigure.of(new RunCurves("session", List.of(), List.of()),
                new org.ebp.api.session.StepProgress(1, 10, 100, 10, 900, 9, 2.0));
        org.ebp.plots.chart.Series only = first.get(0).series().get(first.get(0).series().size() - 1);
        assertEquals(0.1, only.xs()[0], 1e-12, "during the first epoch too");
        assertTrue(FigureFile.svg(first, 900, 520).contains("data-series=\"epoch 1 so far\""));
    }

    @Test
    void regressionHasNoAccuracyPanel() {
        List<EpochReport> epochs = List.of(new EpochReport(1, 10, 0.5, "test", 0.6, Double.NaN, 0.01, 0.1));
        assertEquals(1, CurvesFigure.of(List.of(new RunCurves("session", epochs, List.of()))).size());
    }

    @Test
    void filesArePngOrSvgAndAnotherNameIsRefused() throws Exception {
        List<Chart> charts = CurvesFigure.of(List.of(new RunCurves("session", epochs(4, 10), List.of())));
        Path png = FigureFile.write(dir.resolve("c.png"), charts, 800, 500);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertEquals("\u0089PNG", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
        Path svg = FigureFile.write(dir.resolve("c.svg"), charts, 800, 500);
        assertTrue(Files.readString(svg).startsWith("<svg "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FigureFile.write(dir.resolve("c.jpg"), charts, 800, 500));
        assertTrue(e.getMessage().contains("F.png or F.svg"), e.getMessage());
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        assertThrows(org.ebp.io.FileRefusedException.class, () -> FigureFile.write(folder, charts, 800, 500));
        assertEquals(List.of("c.png", "c.svg", "folder.png"), Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList(),
                "no temporary file is left");
    }
}

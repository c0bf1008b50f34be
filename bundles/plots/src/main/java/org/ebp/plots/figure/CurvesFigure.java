package org.ebp.plots.figure;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.api.session.StepProgress;
import org.ebp.plots.chart.Chart;
import org.ebp.plots.chart.ChartPainter;
import org.ebp.plots.chart.Mark;
import org.ebp.plots.chart.Series;

/**
 * Loss and accuracy per epoch: one colour per run, the training curve dashed and the evaluated
 * split's curve solid, and a vertical line where a component was swapped or training paused.
 * An event is placed inside its epoch by its step: the epoch reports give the step count at each
 * epoch's end.
 */
public final class CurvesFigure {

    private CurvesFigure() {
    }

    /** Two panels: loss (training and evaluation), then evaluation accuracy (left out when no run has one). */
    public static List<Chart> of(List<RunCurves> runs) {
        List<Series> loss = new ArrayList<>();
        List<Series> accuracy = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        boolean several = runs.size() > 1;
        for (int r = 0; r < runs.size(); r++) {
            RunCurves run = runs.get(r);
            int color = ChartPainter.PALETTE[r % ChartPainter.PALETTE.length];
            List<EpochReport> epochs = run.epochs();
            int n = epochs.size();
            double[] x = new double[n];
            double[] train = new double[n];
            double[] evalLoss = new double[n];
            double[] evalAccuracy = new double[n];
            String split = null;
            for (int i = 0; i < n; i++) {
                EpochReport e = epochs.get(i);
                x[i] = e.epoch();
                train[i] = e.trainLoss();
                evalLoss[i] = e.evalLoss();
                evalAccuracy[i] = 100 * e.evalAccuracy();
                split = e.evalSplit() != null ? e.evalSplit() : split;
            }
            String prefix = several ? run.name() + " " : "";
            loss.add(new Series(prefix + "train loss", x, train, color, true, n == 1));
            if (split != null) {
                loss.add(new Series(prefix + split + " loss", x, evalLoss, color, false, n == 1));
                if (hasFinite(evalAccuracy)) {
                    accuracy.add(new Series(prefix + split + " accuracy", x, evalAccuracy, color, false, n == 1));
                }
            }
            for (SessionEvent event : run.events()) {
                String kind = markKind(event);
                if (kind != null) {
                    addMark(marks, new Mark(position(event, epochs), kind, (several ? run.name() + ": " : "")
                            + shortLabel(event), event.text()), several ? run.name() : null);
                }
            }
        }
        List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("Loss per epoch", "epoch", "loss", false, loss, marks));
        if (!accuracy.isEmpty()) {
            charts.add(new Chart("Accuracy per epoch", "epoch", "accuracy (%)", false, accuracy, marks));
        }
        return charts;
    }

    /**
     * Adds a mark; the same swap seen by several runs (a run record and the session it belongs to)
     * is one mark naming them all, not labels drawn over each other.
     */
    static void addMark(List<Mark> marks, Mark mark, String runName) {
        for (int i = 0; i < marks.size(); i++) {
            Mark m = marks.get(i);
            String label = mark.label().substring(mark.label().indexOf(": ") + 2);
            if (Math.abs(m.x() - mark.x()) < 1e-9 && m.kind().equals(mark.kind()) && m.label().endsWith(": " + label)
                    && runName != null) {
                String names = m.label().substring(0, m.label().length() - label.length() - 2);
                marks.set(i, new Mark(m.x(), m.kind(), names + ", " + runName + ": " + label, m.title()));
                return;
            }
        }
        marks.add(mark);
    }

    /**
     * The curves with the epoch being run drawn too (the dashboard during training): a point at
     * the running mean loss of the epoch's steps so far, at the fraction of its steps done, joined
     * to the last finished epoch's training loss. It moves along within the epoch and ends where
     * the epoch's own point will be (that point is the mean over all its steps).
     */
    public static List<Chart> of(RunCurves run, StepProgress running) {
        List<Chart> charts = new ArrayList<>(of(List.of(run)));
        if (running == null || running.stepsInEpoch() <= 0 || !Double.isFinite(running.runningLoss())) {
            return charts;
        }
        double x = running.epoch() - 1 + Math.min(1, running.stepInEpoch() / (double) running.stepsInEpoch());
        List<EpochReport> epochs = run.epochs();
        EpochReport last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        double[] xs = last == null ? new double[] {x} : new double[] {last.epoch(), x};
        double[] ys = last == null ? new double[] {running.runningLoss()} : new double[] {last.trainLoss(), running.runningLoss()};
        Chart loss = charts.get(0);
        List<Series> series = new ArrayList<>(loss.series());
        series.add(new Series("epoch " + running.epoch() + " so far", xs, ys, ChartPainter.PALETTE[0], true, true));
        charts.set(0, new Chart(loss.title(), loss.xLabel(), loss.yLabel(), loss.logY(), series, loss.marks()));
        return charts;
    }

    /**
     * The epoch-axis position of an event: e.epoch finished epochs plus the fraction of the next
     * epoch's steps already taken.
     */
    static double position(SessionEvent event, List<EpochReport> epochs) {
        long startStep = 0;
        for (EpochReport e : epochs) {
            if (e.epoch() == event.epoch()) {
                startStep = e.step();
            } else if (e.epoch() == event.epoch() + 1) {
                long length = e.step() - startStep;
                double fraction = length <= 0 ? 0 : (event.step() - startStep) / (double) length;
                return event.epoch() + Math.max(0, Math.min(1, fraction));
            }
        }
        return event.epoch();
    }

    /**
     * "swap" for a component changed during a run, or between two runs of the same network (a
     * {@code use} after the first epoch: the curve goes on with another component); "pause"; else null.
     */
    static String markKind(SessionEvent event) {
        return switch (event.kind()) {
            case "swap" -> "swap";
            case "use" -> event.epoch() > 0 ? "swap" : null;
            case "pause" -> "pause";
            default -> null;
        };
    }

    /** A swap's text starts with the kind and the name ("optimizer momentum lr=0.01 ..."): the label is the name. */
    static String shortLabel(SessionEvent event) {
        if (event.kind().equals("pause")) {
            return "pause";
        }
        String[] words = event.text().trim().split("\\s+");
        String name = words.length > 1 ? words[1] : words[0];
        return name.length() > 24 ? name.substring(0, 24) : name;
    }

    private static boolean hasFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}

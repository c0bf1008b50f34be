package org.ebp.shell;

import java.util.Locale;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.StepProgress;

/** How numbers and reports look at the prompt. */
final class Text {

    private Text() {
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? "%.4f" : "%.3e", v);
    }

    /** One progress line per epoch: training loss, evaluation, rate, seconds. */
    static String epoch(EpochReport r) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %3d  step %8d  train loss %s", r.epoch(), r.step(), number(r.trainLoss())));
        if (r.evalSplit() != null) {
            b.append("  ").append(r.evalSplit()).append(" loss ").append(number(r.evalLoss()));
            if (!Double.isNaN(r.evalAccuracy())) {
                b.append("  ").append(r.evalSplit()).append(" acc ").append(percent(r.evalAccuracy()));
            }
        }
        if (!Double.isNaN(r.learningRate())) {
            b.append("  lr ").append(number(r.learningRate()));
        }
        return b.append(String.format(Locale.ROOT, "  %.2f s", r.seconds())).toString();
    }

    /** The in-epoch figures: epoch, step of steps, examples/s, ETA, running loss. */
    static String stepProgress(StepProgress p) {
        return String.format(Locale.ROOT, "epoch %3d  step %d/%d  %s examples/s  ETA %s  loss %s", p.epoch(),
                p.stepInEpoch(), p.stepsInEpoch(), Double.isNaN(p.examplesPerSecond()) ? "-"
                        : String.format(Locale.ROOT, "%,.0f", p.examplesPerSecond()), duration(p.secondsLeft()),
                number(p.runningLoss()));
    }

    /** {@code 7 s}, {@code 3:05}, {@code 1:02:03}. */
    static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        return s < 3600 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    static String evaluation(Evaluation e) {
        return e.split() + ": " + e.examples() + " examples, loss " + number(e.loss())
                + (Double.isNaN(e.accuracy()) ? "" : ", accuracy " + percent(e.accuracy()));
    }
}

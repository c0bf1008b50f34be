package org.ebp.dashboard;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.HessianTools;
import org.ebp.api.session.SessionEvent;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.StepProgress;
import org.ebp.api.session.TrainingSession;
import org.ebp.plots.figure.CurvesFigure;
import org.ebp.plots.figure.FigureFile;
import org.ebp.plots.figure.RunCurves;
import org.ebp.plots.figure.SpectrumFigure;

/**
 * What the page shows, read from the session without waiting for training: its state as JSON,
 * and the curves and the spectrum as SVG drawn by the plots bundle.
 */
final class DashboardPage {

    /** History lines the page lists, newest last. */
    static final int EVENTS_SHOWN = 30;
    static final int CURVES_WIDTH = 900;
    static final int CURVES_HEIGHT = 520;

    private DashboardPage() {
    }

    /**
     * The session as JSON: status, components with settings, the latest epoch, the history's last
     * lines, and a {@code version} that changes whenever the curves or the spectrum do.
     */
    static String state(TrainingSession session) {
        SessionStatus s = session.status();
        List<EpochReport> epochs = session.epochs();
        List<SessionEvent> events = session.history();
        HessianTools.Spectrum spectrum = session instanceof HessianTools tools ? tools.latestSpectrum() : null;
        JsonObject json = new JsonObject();
        json.addProperty("state", s.state());
        json.addProperty("dataset", s.dataset());
        json.add("splits", map(s.splits()));
        JsonArray transforms = new JsonArray();
        s.transforms().forEach(transforms::add);
        json.add("transforms", transforms);
        json.addProperty("network", s.network());
        json.addProperty("parameters", s.parameters());
        json.add("components", map(s.components()));
        json.addProperty("epoch", s.epoch());
        json.addProperty("step", s.step());
        json.add("seeds", map(s.seeds()));
        json.addProperty("epochs", epochs.size());
        if (!epochs.isEmpty()) {
            EpochReport last = epochs.get(epochs.size() - 1);
            JsonObject r = new JsonObject();
            r.addProperty("epoch", last.epoch());
            r.addProperty("trainLoss", finite(last.trainLoss()));
            r.addProperty("evalSplit", last.evalSplit());
            r.addProperty("evalLoss", finite(last.evalLoss()));
            r.addProperty("evalAccuracy", finite(last.evalAccuracy()));
            r.addProperty("seconds", last.seconds());
            json.add("last", r);
        }
        JsonArray history = new JsonArray();
        for (SessionEvent e : events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size())) {
            JsonObject o = new JsonObject();
            o.addProperty("step", e.step());
            o.addProperty("epoch", e.epoch());
            o.addProperty("kind", e.kind());
            o.addProperty("text", e.text());
            o.addProperty("millis", e.millis());
            history.add(o);
        }
        json.add("history", history);
        StepProgress running = running(session);
        if (running != null) {
            JsonObject r = new JsonObject();
            r.addProperty("epoch", running.epoch());
            r.addProperty("stepInEpoch", running.stepInEpoch());
            r.addProperty("stepsInEpoch", running.stepsInEpoch());
            r.addProperty("examplesPerSecond", finite(running.examplesPerSecond()));
            r.addProperty("secondsLeft", finite(running.secondsLeft()));
            r.addProperty("runningLoss", finite(running.runningLoss()));
            json.add("running", r);
        }
        json.addProperty("spectrum", spectrum != null);
        // changes within an epoch too, so that the page redraws the moving point
        json.addProperty("version", epochs.size() + ":" + events.size() + ":" + (spectrum == null ? 0
                : System.identityHashCode(spectrum)) + ":" + (running == null ? "" : running.step()));
        return json.toString();
    }

    /** The session's curves, with the epoch being run as a point that moves within the epoch. */
    static String curves(TrainingSession session) {
        List<EpochReport> epochs = session.epochs();
        return FigureFile.svg(CurvesFigure.of(new RunCurves("session", epochs, session.history()), running(session)),
                CURVES_WIDTH, CURVES_HEIGHT);
    }

    /** The running epoch's progress while training, else null. */
    static StepProgress running(TrainingSession session) {
        StepProgress p = session.stepProgress();
        return p != null && session.status().state().startsWith("training") ? p : null;
    }

    /** The latest spectrum's SVG, or null when none was computed. */
    static String spectrum(TrainingSession session) {
        HessianTools.Spectrum spectrum = session instanceof HessianTools tools ? tools.latestSpectrum() : null;
        return spectrum == null ? null : FigureFile.svg(SpectrumFigure.of(spectrum), CURVES_WIDTH, 360);
    }

    private static JsonObject map(Map<String, ?> values) {
        JsonObject o = new JsonObject();
        if (values != null) {
            values.forEach((k, v) -> o.addProperty(k, String.valueOf(v)));
        }
        return o;
    }

    /** JSON has no NaN: a missing figure is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}

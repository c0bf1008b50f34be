package org.ebp.engine.runs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;

/**
 * The lines of a run record file (format {@code ebp-run-record}, version 1). A file is JSON lines:
 * one {@code start} line, then {@code epoch} and {@code event} lines as the run goes, then one
 * {@code end} line. Every line carries the format, the version, the run id and its type, so a
 * line read alone (by {@code grep}, {@code jq} or a plotting script) says what it is. Numbers that
 * are not finite (an evaluation that was not made) are written as {@code null}: every line is
 * standard JSON.
 */
public final class RunRecordFormat {

    public static final String FORMAT = "ebp-run-record";
    public static final int VERSION = 1;

    public static final String START = "start";
    public static final String EPOCH = "epoch";
    public static final String EVENT = "event";
    public static final String END = "end";

    /** Compact output, one line per object; null fields are written (every line of a type has the same fields). */
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private RunRecordFormat() {
    }

    /** A line's common head: format, version, run id, type. */
    static JsonObject line(String run, String type) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        o.addProperty("run", run);
        o.addProperty("type", type);
        return o;
    }

    static JsonObject start(String run, String group, long startedMillis, Map<String, String> configuration,
                            Map<String, Long> seeds) {
        JsonObject o = line(run, START);
        o.add("group", group == null ? JsonNull.INSTANCE : new JsonPrimitive(group));
        o.addProperty("started", Instant.ofEpochMilli(startedMillis).toString());
        o.addProperty("startedMillis", startedMillis);
        JsonObject config = new JsonObject();
        configuration.forEach(config::addProperty);
        o.add("configuration", config);
        JsonObject seedObject = new JsonObject();
        seeds.forEach(seedObject::addProperty);
        o.add("seeds", seedObject);
        return o;
    }

    static JsonObject epoch(String run, EpochReport r) {
        JsonObject o = line(run, EPOCH);
        o.addProperty("epoch", r.epoch());
        o.addProperty("step", r.step());
        o.add("trainLoss", number(r.trainLoss()));
        o.add("evalSplit", r.evalSplit() == null ? JsonNull.INSTANCE : new JsonPrimitive(r.evalSplit()));
        o.add("evalLoss", number(r.evalLoss()));
        o.add("evalAccuracy", number(r.evalAccuracy()));
        o.add("learningRate", number(r.learningRate()));
        o.add("seconds", number(r.seconds()));
        return o;
    }

    static JsonObject event(String run, SessionEvent e) {
        JsonObject o = line(run, EVENT);
        o.addProperty("step", e.step());
        o.addProperty("epoch", e.epoch());
        o.addProperty("kind", e.kind());
        o.addProperty("text", e.text());
        o.addProperty("millis", e.millis());
        return o;
    }

    static JsonObject end(String run, String outcome, int epoch, long step, double wallSeconds, int eventsDropped) {
        JsonObject o = line(run, END);
        o.addProperty("outcome", outcome);
        o.addProperty("epoch", epoch);
        o.addProperty("step", step);
        o.add("wallSeconds", number(wallSeconds));
        if (eventsDropped > 0) {
            o.addProperty("eventsDropped", eventsDropped);
        }
        return o;
    }

    /** A finite number, or null for NaN and infinities (standard JSON has no literal for them). */
    static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    /** Reads back what {@link #number} wrote: null (or a missing field) is NaN. */
    static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        return e.getAsDouble();
    }

    /** A JSON object of text values as an ordered map. */
    static Map<String, String> texts(JsonObject o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
        }
        return out;
    }
}

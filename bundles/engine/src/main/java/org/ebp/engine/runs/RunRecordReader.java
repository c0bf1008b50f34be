package org.ebp.engine.runs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;

/**
 * Reads one run record file. A torn or malformed line is skipped and named in the record's
 * problems; a file without a readable start line, of another format or of a newer version, or
 * larger than {@link #MAX_BYTES}, is refused with one line naming the file and the problem.
 */
final class RunRecordReader {

    /** A run of 10,000 epochs and 10,000 events is about 5 MB; more is not a run record. */
    static final long MAX_BYTES = 64L << 20;

    private RunRecordReader() {
    }

    /** Thrown for a file that is not a readable run record; the message is one line for the user. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static RunRecord read(Path file) throws Unreadable {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new Unreadable(file.getFileName() + ": " + size + " bytes, more than a run record can be ("
                        + MAX_BYTES + "); it is left alone");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unreadable(file.getFileName() + ": cannot be read (" + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        // text ends with '\n' when the last line is whole: split leaves an empty last element
        boolean tornTail = !text.isEmpty() && !text.endsWith("\n");
        String id = null;
        String group = null;
        long started = 0;
        Map<String, String> configuration = new LinkedHashMap<>();
        Map<String, Long> seeds = new LinkedHashMap<>();
        List<EpochReport> epochs = new ArrayList<>();
        List<SessionEvent> events = new ArrayList<>();
        String outcome = null;
        double wall = Double.NaN;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            boolean last = n == lines.length - 1;
            JsonObject o;
            try {
                JsonElement e = JsonParser.parseString(line);
                if (!e.isJsonObject()) {
                    throw new JsonParseException("not an object");
                }
                o = e.getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                problems.add(last && tornTail ? "skipped a torn last line (the run was cut off while writing)"
                        : "skipped line " + (n + 1) + ": not JSON (" + quote(line) + ")");
                continue;
            }
            String format = text(o, "format");
            if (!RunRecordFormat.FORMAT.equals(format)) {
                if (id == null) {
                    throw new Unreadable(file.getFileName() + ": not a run record (format " + quote(String.valueOf(format))
                            + ", expected " + RunRecordFormat.FORMAT + ")");
                }
                problems.add("skipped line " + (n + 1) + ": format " + quote(String.valueOf(format)));
                continue;
            }
            int version = o.has("version") && o.get("version").isJsonPrimitive() ? o.get("version").getAsInt() : -1;
            if (version != RunRecordFormat.VERSION) {
                throw new Unreadable(file.getFileName() + ": " + RunRecordFormat.FORMAT + " version " + version
                        + "; this workbench reads version " + RunRecordFormat.VERSION + " (a newer workbench wrote it?)");
            }
            String type = String.valueOf(text(o, "type"));
            try {
                switch (type) {
                    case RunRecordFormat.START -> {
                        id = text(o, "run");
                        group = text(o, "group");
                        started = o.get("startedMillis").getAsLong();
                        configuration = RunRecordFormat.texts(o.getAsJsonObject("configuration"));
                        o.getAsJsonObject("seeds").entrySet().forEach(s -> seeds.put(s.getKey(), s.getValue().getAsLong()));
                    }
                    case RunRecordFormat.EPOCH -> epochs.add(new EpochReport(o.get("epoch").getAsInt(), o.get("step").getAsLong(),
                            RunRecordFormat.number(o, "trainLoss"), text(o, "evalSplit"), RunRecordFormat.number(o, "evalLoss"),
                            RunRecordFormat.number(o, "evalAccuracy"), RunRecordFormat.number(o, "learningRate"),
                            RunRecordFormat.number(o, "seconds")));
                    case RunRecordFormat.EVENT -> events.add(new SessionEvent(o.get("step").getAsLong(), o.get("epoch").getAsInt(),
                            text(o, "kind"), text(o, "text"), o.get("millis").getAsLong()));
                    case RunRecordFormat.END -> {
                        outcome = text(o, "outcome");
                        wall = RunRecordFormat.number(o, "wallSeconds");
                    }
                    default -> problems.add("skipped line " + (n + 1) + ": unknown type " + quote(type));
                }
            } catch (RuntimeException e) {
                // a field missing or of the wrong kind (NullPointerException, ClassCast, NumberFormat, UnsupportedOperation)
                problems.add("skipped line " + (n + 1) + " (" + type + "): a field is missing or malformed");
            }
        }
        if (id == null) {
            throw new Unreadable(file.getFileName() + ": no readable start line; it is not a run record"
                    + (problems.isEmpty() ? "" : " (" + problems.get(0) + ")"));
        }
        return new RunRecord(id, group, started, configuration, seeds, epochs, events, outcome, wall, problems);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /** At most ~80 characters of bad content. */
    static String quote(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return "'" + (one.length() > 80 ? one.substring(0, 77) + "..." : one) + "'";
    }
}

package org.ebp.engine.runs;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;

/**
 * The file of one run, appended to as the run goes. Each line goes out in one write of the whole
 * line with its newline; when a write fails (disk full) the file is cut back to its length
 * before the line, so a failed append never leaves half a line for the next one to join. A
 * process killed inside a write can still leave a torn last line; the reader skips and names it.
 * Thread-safe: events come from the shell's threads as well as the session's.
 */
public final class RunJournal {

    /** A run that swaps components for days still writes a bounded file; the end line counts what was left out. */
    static final int MAX_EVENTS = 10_000;

    private final Path file;
    private final String id;
    private int events;
    private int eventsDropped;
    private boolean ended;

    RunJournal(Path file, String id) {
        this.file = file;
        this.id = id;
    }

    /** The run's id ("12"). */
    public String id() {
        return id;
    }

    public Path file() {
        return file;
    }

    void start(String group, long startedMillis, Map<String, String> configuration, Map<String, Long> seeds) throws IOException {
        append(RunRecordFormat.start(id, group, startedMillis, configuration, seeds), true);
    }

    public void epoch(EpochReport report) throws IOException {
        append(RunRecordFormat.epoch(id, report), false);
    }

    public synchronized void event(SessionEvent event) throws IOException {
        if (events >= MAX_EVENTS) {
            eventsDropped++;
            return;
        }
        events++;
        append(RunRecordFormat.event(id, event), false);
    }

    /** The end line, forced to disk; later appends are ignored. */
    public synchronized void end(String outcome, int epoch, long step, double wallSeconds) throws IOException {
        append(RunRecordFormat.end(id, outcome, epoch, step, wallSeconds, eventsDropped), true);
        ended = true;
    }

    private synchronized void append(JsonObject line, boolean force) throws IOException {
        if (ended) {
            return;
        }
        byte[] bytes = (RunRecordFormat.GSON.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long before = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (force) {
                    channel.force(false);
                }
            } catch (IOException e) {
                try {
                    channel.truncate(before);
                } catch (IOException ignored) {
                    // the reader skips a torn last line
                }
                throw e;
            }
        }
    }
}

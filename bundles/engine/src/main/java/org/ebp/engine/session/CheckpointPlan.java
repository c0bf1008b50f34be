package org.ebp.engine.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.session.EpochReport;
import org.ebp.engine.persist.CheckpointCodec;
import org.ebp.io.SafeFiles;

/**
 * {@code train ... checkpoint=DIR every=N keep=K}: a checkpoint every N epochs (and after the
 * run's last epoch) as {@code DIR/epoch-0005.ckpt.json}, the newest K of this run kept, and
 * {@code DIR/best.ckpt.json} for the lowest validation loss seen in this run.
 */
final class CheckpointPlan {

    /** The settings train takes for checkpoints, declared once (help and validation come from here). */
    static final List<ParameterSpec> SETTINGS = List.of(
            ParameterSpec.text("checkpoint", "", "folder for checkpoints (created if missing); none when empty"),
            ParameterSpec.integer("every", 1, 1, Integer.MAX_VALUE, "write a checkpoint every N epochs (and after the last)"),
            ParameterSpec.integer("keep", 3, 1, 1000, "keep the newest K epoch checkpoints of this run, plus best.ckpt.json"));

    static final String BEST = "best.ckpt.json";

    private final Path folder;
    private final int every;
    private final int keep;
    private final ArrayDeque<Path> written = new ArrayDeque<>();
    private double bestLoss = Double.POSITIVE_INFINITY;

    private CheckpointPlan(Path folder, int every, int keep) {
        this.folder = folder;
        this.every = every;
        this.keep = keep;
    }

    /**
     * Takes the checkpoint settings out of {@code raw} (the train settings that remain are left
     * there) and checks the folder; null when no checkpoint folder is given.
     */
    static CheckpointPlan take(Map<String, String> raw) {
        Map<String, String> mine = new java.util.LinkedHashMap<>();
        for (ParameterSpec p : SETTINGS) {
            String v = raw.remove(p.name());
            if (v != null) {
                mine.put(p.name(), v);
            }
        }
        Settings s = Settings.parse("train", SETTINGS, mine);
        String dir = s.getString("checkpoint").trim();
        if (dir.isEmpty()) {
            if (mine.containsKey("every") || mine.containsKey("keep")) {
                throw new IllegalArgumentException("every= and keep= need a checkpoint folder: add checkpoint=DIR");
            }
            return null;
        }
        Path folder = Path.of(dir);
        try {
            if (Files.exists(folder) && !Files.isDirectory(folder)) {
                throw new IllegalArgumentException("checkpoint=" + dir + " is not a folder; give a folder for the checkpoints");
            }
            Files.createDirectories(folder);
            SafeFiles.checkWritable(folder.resolve(BEST));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write checkpoints to " + dir + ": " + e.getMessage());
        }
        return new CheckpointPlan(folder, s.getInt("every"), s.getInt("keep"));
    }

    /** Whether the epoch just finished gets a checkpoint. */
    boolean due(EpochReport report, boolean lastOfRun, int epochInRun) {
        return epochInRun % every == 0 || lastOfRun;
    }

    /**
     * Writes an epoch's checkpoint, removes this run's checkpoints beyond the newest K, and
     * writes best.ckpt.json when {@code monitoredLoss} is the lowest so far.
     *
     * @param monitoredLoss validation loss (NaN when there is none)
     * @return one line for the listener
     */
    String write(CheckpointCodec.Checkpoint checkpoint, int epoch, double monitoredLoss, String monitored)
            throws IOException {
        Path file = folder.resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt.json", epoch));
        CheckpointCodec.write(file, checkpoint);
        written.remove(file);
        written.addLast(file);
        while (written.size() > keep) {
            Files.deleteIfExists(written.removeFirst());
        }
        String line = "checkpoint " + file;
        if (monitoredLoss < bestLoss) {
            bestLoss = monitoredLoss;
            CheckpointCodec.write(folder.resolve(BEST), checkpoint);
            line += "; best " + monitored + " loss so far (" + String.format(Locale.ROOT, "%.4f", monitoredLoss) + "): "
                    + folder.resolve(BEST);
        }
        return line;
    }
}

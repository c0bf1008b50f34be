package org.ebp.api.runs;

import java.util.List;
import java.util.Map;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;

/**
 * One training run as it was recorded: what made it, how it went, how it ended.
 *
 * @param id            the run's number in its runs folder, as text ("12")
 * @param group         the group a run belongs to (a sweep or ablation names its runs' group), or null
 * @param startedMillis wall-clock start ({@link System#currentTimeMillis()})
 * @param configuration what makes the run, flat and ordered: {@code data.source}, {@code data.KEY},
 *                      {@code split.KEY}, {@code transform.N}, {@code transform.N.KEY}, {@code net.spec},
 *                      {@code net.KEY}, {@code optimizer}, {@code optimizer.KEY}, {@code schedule},
 *                      {@code sampler}, {@code compute}, {@code train.KEY}; values as text
 * @param seeds         every random stream's seed (split, init, shuffle)
 * @param epochs        one report per finished epoch, in order
 * @param events        swaps, refusals, pauses, resumes, stops and notes, with step numbers, in order
 * @param outcome       how it ended ("completed", "stopped ...", "failed: ..."), or null when the record
 *                      has no end (the workbench stopped during the run, or it is still running)
 * @param wallSeconds   wall time from start to end (NaN without an end)
 * @param problems      what the reader skipped, e.g. a torn last line; empty for an intact record
 */
public record RunRecord(String id, String group, long startedMillis, Map<String, String> configuration,
                        Map<String, Long> seeds, List<EpochReport> epochs, List<SessionEvent> events, String outcome,
                        double wallSeconds, List<String> problems) {

    public RunRecord {
        configuration = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configuration));
        seeds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(seeds));
        epochs = List.copyOf(epochs);
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    /** Whether the record has its end line. */
    public boolean finished() {
        return outcome != null;
    }

    /** The last epoch's report, or null when no epoch finished. */
    public EpochReport lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** A configuration value, or null. */
    public String setting(String key) {
        return configuration.get(key);
    }
}

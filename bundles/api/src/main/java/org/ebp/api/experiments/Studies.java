package org.ebp.api.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Ablations and sweeps: many runs of variations of one recipe, in parallel, as one table. Thread-safe. */
@ProviderType
public interface Studies {

    /** The recipe and every registered {@link AblationVariant} that applies to it (the others in the notes). */
    Study ablation(Recipe base);

    /**
     * The recipe and the chosen variants: those named in {@code only} (all when empty), less those
     * named in {@code skip}. A chosen variant that does not apply is in the notes, as in
     * {@link #ablation(Recipe)}.
     *
     * @throws IllegalArgumentException in one line naming an unknown variant and listing the known ones
     * @since 1.1
     */
    Study ablation(Recipe base, List<String> only, List<String> skip);

    /** The names of the variants an ablation can run (the paper's and the plugins'), in the table's order before sorting. */
    List<String> variantNames();

    /**
     * A grid or random search over one component's settings ({@code kind} optimizer, schedule,
     * sampler, activation, initializer with that {@code name}), or over {@code net} or {@code train}
     * settings (kind {@code net} or {@code train}, name ignored).
     *
     * @param axes    key to {@code v1,v2,...} (grid) or {@code lo..hi} (random, uniform or with
     *                {@code log=true} log-uniform; needs samples)
     * @param samples points drawn when an axis is a range (0 when the grid has none)
     * @param seed    the random search's seed
     * @throws IllegalArgumentException for an unknown setting, an empty grid, a value out of range
     */
    Study sweep(Recipe base, String kind, String name, Map<String, String> axes, boolean log, int samples, long seed);

    /**
     * Runs every trial with every seed, {@code plan.parallel()} at once, and tabulates them. An
     * interrupt of the calling thread stops every run at its next step boundary and returns the table
     * of what ended.
     */
    StudyReport run(Study study, StudyPlan plan, StudyListener listener);

    /**
     * Stops every running study: each run stops at its next step boundary, runs not started are
     * dropped, and {@link #run} returns the table of what ended (Ctrl-C in the console calls it).
     *
     * @return false when no study was running
     */
    boolean stop();

    /** The table as lines of text, for the shell. */
    List<String> table(StudyReport report);

    /**
     * Writes {@code base.md}, {@code base.csv} and {@code base.json} (the table, and every run's
     * curve in the JSON) and, when a {@link org.ebp.api.plots.CurveCharts} service is there (the plots bundle),
     * {@code base.svg} and {@code base.png} (the curves of seed 1 of every row), atomically.
     *
     * @return the files written, the charts last (absent without a chart service)
     */
    List<Path> save(StudyReport report, Path base) throws IOException;
}

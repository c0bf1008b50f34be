package org.ebp.engine.persist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a run, as the commands that make it: the data source and its settings, the split,
 * the transforms in order, the network, the optimizer, schedule, sampler and compute provider
 * with their settings, and the train plan. Replaying it in a fresh session gives the same run,
 * bit for bit on the same machine, because every random choice comes from a recorded seed.
 *
 * @param split      the split's settings (fractions, seed, stratify), or null for none (or the source's official splits)
 * @param components kind (optimizer, schedule, sampler, compute) to the component chosen
 * @param epochs     epochs to train
 * @param train      the train settings (batch, eval, seed, patience, ...)
 */
public record Experiment(Step data, Map<String, String> split, List<Step> transforms, String netSpec,
                         Map<String, String> netSettings, Map<String, Step> components, int epochs,
                         Map<String, String> train) {

    /** A named component with its settings as text. */
    public record Step(String name, Map<String, String> settings) {
        public Step {
            settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    public Experiment {
        split = split == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(split));
        transforms = List.copyOf(transforms);
        netSettings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(netSettings));
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        train = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(train));
    }
}

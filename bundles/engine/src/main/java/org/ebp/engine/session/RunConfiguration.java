package org.ebp.engine.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebp.api.component.Settings;
import org.ebp.api.data.Dataset;
import org.ebp.engine.training.TrainingProgress;
import org.ebp.engine.training.TrainingRun;

/**
 * What makes a run, as the flat, ordered settings of its run record: the data source and its
 * settings, the split, the transforms, the network, every component with its settings, and the
 * train plan. Values are the effective ones (defaults filled in), so two records compare key by key.
 */
final class RunConfiguration {

    /** Where the data came from: the source's name and its validated settings. */
    record DataOrigin(String source, Map<String, String> settings) {
        DataOrigin {
            settings = Map.copyOf(settings);
        }
    }

    private RunConfiguration() {
    }

    /** Lock held by the caller; the session has data, a network and resolved components. */
    static Map<String, String> of(DataOrigin origin, Map<String, String> splitRequest, SessionData data, SessionModel model,
                                  ComponentChoices choices, TrainingProgress progress, TrainingRun run) {
        Map<String, String> c = new LinkedHashMap<>();
        Dataset base = data.base();
        if (origin != null) {
            c.put("data.source", origin.source());
            new TreeMap<>(origin.settings()).forEach((k, v) -> c.put("data." + k, v));
        }
        c.put("data.name", base.name());
        c.put("data.examples", Integer.toString(base.size()));
        c.put("data.features", Integer.toString(base.features()));
        c.put(base.hasLabels() ? "data.classes" : "data.targets",
                Integer.toString(base.hasLabels() ? base.classCount() : base.targetCount()));
        if (data.isSplit()) {
            if (splitRequest != null) {
                splitRequest.forEach((k, v) -> c.put("split." + k, v));
            } else {
                c.put("split.official", String.join(",", data.splits().keySet()));
            }
            StringBuilder sizes = new StringBuilder();
            data.splits().forEach((k, v) -> sizes.append(sizes.length() == 0 ? "" : " ").append(k).append('=').append(v.size()));
            c.put("split.sizes", sizes.toString());
        }
        List<SessionData.AppliedTransform> transforms = data.transforms();
        for (int i = 0; i < transforms.size(); i++) {
            String key = "transform." + (i + 1);
            c.put(key, transforms.get(i).name());
            new TreeMap<>(transforms.get(i).fitted().settings()).forEach((k, v) -> c.put(key + "." + k, v));
        }
        NetworkSetup setup = model.setup;
        c.put("net.spec", model.network.spec());
        c.put("net.activation", setup.hidden());
        new TreeMap<>(setup.hiddenSettings()).forEach((k, v) -> c.put("net.activation." + k, v));
        c.put("net.output", setup.output());
        new TreeMap<>(setup.outputSettings()).forEach((k, v) -> c.put("net.output." + k, v));
        c.put("net.coding", setup.coding() == null ? "none (real targets)" : setup.coding());
        new TreeMap<>(setup.codingSettings()).forEach((k, v) -> c.put("net.coding." + k, v));
        c.put("net.loss", setup.loss());
        c.put("net.init", setup.init());
        new TreeMap<>(setup.initSettings()).forEach((k, v) -> c.put("net.init." + k, v));
        c.put("net.seed", Long.toString(setup.seed()));
        c.put("net.parameters", Integer.toString(model.network.size()));
        component(c, "optimizer", choices.currentOptimizer().name(), choices.currentOptimizer().settings());
        component(c, "schedule", choices.currentSchedule().name(), choices.currentSchedule().settings());
        component(c, "sampler", choices.currentSampler().name(), choices.currentSampler().settings());
        if (choices.compute != null) {
            c.put("compute", choices.compute.name() + (choices.computeName == null ? " (highest ranking)" : ""));
            c.put("compute.library", choices.compute.library());
        }
        c.put("train.epochs", Integer.toString(run.epochs()));
        c.put("train.batch", Integer.toString(run.batch()));
        c.put("train.eval", run.evalSplit() == null ? Session.NONE : run.evalSplit());
        c.put("train.seed", Long.toString(run.seed()));
        c.put("train.from-epoch", Integer.toString(progress.epoch()));
        c.put("train.from-step", Long.toString(progress.step()));
        return c;
    }

    private static void component(Map<String, String> c, String kind, String name, Settings settings) {
        c.put(kind, name);
        settings.asText().forEach((k, v) -> c.put(kind + "." + k, v));
    }

    /** The run's random streams: split, init, shuffle. */
    static Map<String, Long> seeds(SessionData data, SessionModel model, long shuffleSeed) {
        Map<String, Long> seeds = new LinkedHashMap<>();
        if (data.isSplit()) {
            seeds.put("split", data.splitSeed());
        }
        seeds.put("init", model.setup.seed());
        seeds.put("shuffle", shuffleSeed);
        return seeds;
    }
}

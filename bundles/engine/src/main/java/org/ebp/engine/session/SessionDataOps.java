package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.data.SplitDataset;
import org.ebp.engine.persist.TransformChainCodec;

/**
 * A session's data: loading a data set, splitting it, and fitting, loading, saving and clearing
 * its transforms (section 1.4.3 of the paper). Every operation validates and computes into locals
 * before it replaces the session's data.
 */
final class SessionDataOps {

    private final SessionState state;
    private final SessionKeeping keeping;

    SessionDataOps(SessionState state, SessionKeeping keeping) {
        this.state = state;
        this.keeping = keeping;
    }

    String loadDataGuarded(String source, Map<String, String> settings) throws DataFormatException {
        Session.requireName(source, "a dataset, e.g. digits");
        state.refuseWhileTraining("load data");
        DatasetSource dataSource = state.catalog.get(ComponentKind.DATASET, source, DatasetSource.class);
        Settings validated = dataSource.settings(Session.orEmpty(settings));
        SplitDataset withSplits = dataSource.loadWithSplits(validated);
        Dataset loaded = withSplits == null ? null : withSplits.data();
        if (loaded == null) {
            throw new IllegalStateException("dataset '" + source + "' returned no data");
        }
        if (loaded.size() == 0) {
            throw new IllegalArgumentException("dataset '" + loaded.name() + "' has no examples; check its settings ("
                    + validated + ")");
        }
        if (loaded.isUnlabeled()) {
            throw new IllegalArgumentException("dataset '" + loaded.name() + "' has no label or target column ("
                    + org.ebp.io.Excerpt.of(validated.toString()) + "), so it cannot be trained on; name the label column "
                    + "(label=) or the targets (targets=), or apply a trained network to it with predict FILE out=FILE.csv");
        }
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("load data");
            String kept = keeping.keepOrRefuse("data load");
            state.data = SessionData.loaded(withSplits);
            state.dataOrigin = new RunConfiguration.DataOrigin(dataSource.name(), validated.asText());
            state.splitRequest = null;
            state.dropNetwork();
            StringBuilder official = new StringBuilder();
            withSplits.splits().forEach((k, v) -> official.append(official.length() == 0 ? "; official splits: " : ", ")
                    .append(k).append('=').append(v.length));
            return (kept == null ? "" : kept + "\n") + SessionData.summary(loaded) + official;
        } finally {
            state.lock.unlock();
        }
    }

    public Map<String, Integer> split(Map<String, String> settings) {
        Map<String, String> raw = new LinkedHashMap<>(Session.orEmpty(settings));
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("split the data");
            SessionData current = state.requireData();
            long seed = Formats.parseLong("split", "seed", raw.remove("seed"), 1);
            boolean stratify = Formats.parseBoolean("split", "stratify", raw.remove("stratify"), true);
            SplitRequest.Plan plan = SplitRequest.plan(current, raw);
            LinkedHashMap<String, Double> fractions = SplitRequest.fractions(raw);
            LinkedHashMap<String, Dataset> parts = state.requireSplitter().split(plan.source(), fractions,
                    stratify && current.base().hasLabels(), seed);
            LinkedHashMap<String, Dataset> named = new LinkedHashMap<>();
            for (String part : fractions.keySet()) {
                Dataset d = parts == null ? null : parts.get(part);
                if (d == null || d.size() == 0) {
                    throw new IllegalArgumentException("split part '" + part + "' would be empty; give it a larger "
                            + "fraction or drop it");
                }
                named.put(part, d.renamed(part));
            }
            named.putAll(plan.kept());
            refuseHeldOutSeenInTraining(current, named);
            ComputeService c = state.choices.resolveCompute();
            SessionData next = MemoryGuard.run("data split", "fewer features (or pca with k=)",
                    () -> TransformRefit.refit(current.withSplits(named, seed), current.transforms(), state.catalog, c)).data();
            state.data = next;
            state.splitRequest = splitSettings(fractions, seed, stratify, settings);
            // the network is kept while it still fits the data as refitted; a trained one only
            // when it saw none of the held-out examples (refuseHeldOutSeenInTraining)
            if (state.model.network != null && (state.model.network.inputWidth() != next.featureWidth()
                    || state.model.network.outputWidth() != next.outputWidth())) {
                state.dropNetwork();
            } else {
                state.forgetTrainingSet();
            }
            Map<String, Integer> sizes = new LinkedHashMap<>();
            named.forEach((k, v) -> sizes.put(k, v.size()));
            return sizes;
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * A trained network must not be scored on examples it trained on: refuses a split whose
     * held-out parts hold some of them (issue 12 item 4). Lock held.
     */
    private void refuseHeldOutSeenInTraining(SessionData current, Map<String, Dataset> parts) {
        if (state.model.network == null || state.progress.step() == 0) {
            return;
        }
        Dataset trainedOn = current.isSplit() ? current.rawSplits().get(SessionData.TRAIN) : current.base();
        long seen = trainedOn == null ? 0 : SplitOverlap.seenInHeldOut(trainedOn, parts);
        if (seen > 0) {
            throw new IllegalArgumentException("data split would put " + seen + " examples the trained network "
                    + state.model.setup.describe() + " learned from into the held-out parts, so their scores would be "
                    + "optimistic; create a new network first (net ...; the trained one is kept in autosave) or keep this split");
        }
    }

    /** The split as a run record keeps it: fractions, seed, stratify and from (when given). */
    private static Map<String, String> splitSettings(Map<String, Double> fractions, long seed, boolean stratify,
                                                     Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        fractions.forEach((k, v) -> out.put(k, Formats.number(v)));
        out.put("seed", Long.toString(seed));
        out.put("stratify", Boolean.toString(stratify));
        if (given != null && given.containsKey("from")) {
            out.put("from", given.get("from"));
        }
        return out;
    }

    public List<String> describe(String split) {
        state.lock.lock();
        try {
            return DataDescription.describe(state.requireData(), split, state::computeOrNull);
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Fits transforms one after another, each on the training set as the previous ones left it,
     * and applies each to every split: all of them or, when one fails, none.
     *
     * @param chain transform names with their settings, in order of application
     * @return the report lines of every step
     */
    public List<String> fitTransforms(List<Map.Entry<String, Map<String, String>>> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("name at least one transform, e.g. transform chain center pca scale");
        }
        List<DataTransform> components = new ArrayList<>();
        List<Settings> settings = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> entry : chain) {
            Session.requireName(entry.getKey(), "a transform, e.g. standardize");
            DataTransform component = state.catalog.get(ComponentKind.TRANSFORM, entry.getKey(), DataTransform.class);
            components.add(component);
            settings.add(component.settings(Session.orEmpty(entry.getValue())));
        }
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("fit a transform");
            SessionData next = state.requireData();
            ComputeService c = state.choices.resolveCompute();
            TransformSteps.Step fitted = MemoryGuard.run("transform", "fewer features (or pca with k=)",
                    () -> TransformSteps.fitAll(next, components, settings, c));
            return commitTransforms(fitted.data(), fitted.lines());
        } finally {
            state.lock.unlock();
        }
    }

    /** Makes {@code next} the session's data after transforms, with notes about the network. Lock held. */
    private List<String> commitTransforms(SessionData next, List<String> lines) {
        if (state.model.network != null) {
            if (state.model.network.inputWidth() != next.featureWidth()) {
                lines.add("the network " + state.model.network.spec() + " expects " + state.model.network.inputWidth() + " inputs but the data "
                        + "now has " + next.featureWidth() + "; create a new one, e.g. net in-30-out");
            } else if (state.progress.epoch() > 0) {
                lines.add("note: the network was trained on the inputs before this transform; create a new network "
                        + "to start fresh");
            }
        }
        state.data = next;
        state.forgetTrainingSet();
        return lines;
    }

    /** The fitted transforms, one line each: name, settings, widths. */
    public List<String> describeTransforms() {
        state.lock.lock();
        try {
            return DataDescription.transforms(state.data);
        } finally {
            state.lock.unlock();
        }
    }

    /** Removes every fitted transform: the splits are as loaded and split again. */
    public List<String> clearTransforms() {
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("clear the transforms");
            SessionData current = state.requireData();
            int count = current.transforms().size();
            return commitTransforms(current.withoutTransforms(), new ArrayList<>(List.of("removed " + count + " transform"
                    + (count == 1 ? "" : "s") + "; " + current.base().features() + " features as loaded")));
        } finally {
            state.lock.unlock();
        }
    }

    /** Writes the fitted transforms, in order, to a JSON file (format ebp-transform-chain), atomically. */
    public String saveTransforms(java.nio.file.Path file) throws java.io.IOException {
        List<FittedTransform> chain = fittedTransforms();
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no fitted transforms to save; fit one first, e.g. transform standardize");
        }
        TransformChainCodec.write(file, chain);
        return "saved " + chain.size() + " transform" + (chain.size() == 1 ? "" : "s") + " (" + chain.get(0).inputWidth()
                + " -> " + chain.get(chain.size() - 1).outputWidth() + " features) to " + file;
    }

    /**
     * Reads a transform file and applies its transforms, without refitting, after the current
     * ones. Validates everything (file, names, widths against the data) before changing anything.
     */
    public List<String> loadTransforms(java.nio.file.Path file) throws DataFormatException {
        List<FittedTransform> chain = TransformChainCodec.read(file);
        List<DataTransform> components = new ArrayList<>();
        for (FittedTransform fitted : chain) {
            components.add(state.catalog.get(ComponentKind.TRANSFORM, fitted.transform(), DataTransform.class));
        }
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("load transforms");
            SessionData next = state.requireData();
            if (chain.get(0).inputWidth() != next.featureWidth()) {
                throw new IllegalArgumentException(file + ": the transforms were fitted on " + chain.get(0).inputWidth()
                        + " features but the data has " + next.featureWidth() + (next.transforms().isEmpty() ? ""
                        : " after its " + next.transforms().size() + " transform(s) ('transform clear' removes them)")
                        + "; load data of that width, or fit the transforms on this data");
            }
            ComputeService c = state.choices.resolveCompute();
            TransformSteps.Step loaded = TransformSteps.applyAll(next, components, chain, c, file);
            return commitTransforms(loaded.data(), loaded.lines());
        } finally {
            state.lock.unlock();
        }
    }

    /** The fitted transforms in order of application. */
    public List<FittedTransform> fittedTransforms() {
        state.lock.lock();
        try {
            List<FittedTransform> out = new ArrayList<>();
            if (state.data != null) {
                state.data.transforms().forEach(t -> out.add(t.fitted()));
            }
            return out;
        } finally {
            state.lock.unlock();
        }
    }

}

package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.persist.ModelCodec;
import org.ebp.engine.persist.ModelSnapshot;
import org.ebp.engine.training.Precision;
import org.ebp.engine.training.TrainingRun;

/**
 * Keeping a session's work: model files, checkpoints, weights exchanged with NumPy, experiment
 * files, and the autosave that keeps a trained network before a command replaces it (so that
 * {@code model undo} brings it back). Files are read and validated before the session changes,
 * and written outside the lock from a copy taken under it.
 */
final class SessionKeeping {

    private final SessionState state;
    /** Where a trained network goes before a command discards it. */
    private Autosave autosave = Autosave.ofUserHome();
    /** The network and step last written to a file, and where: a network kept there needs no autosave. */
    private Object keptNetwork;
    private long keptStep = -1;
    private String keptWhere;

    SessionKeeping(SessionState state) {
        this.state = state;
    }

    /**
     * The network, its weights, the optimizer with its state and the training progress as
     * data, for a model file.
     *
     * @throws IllegalStateException without a network
     */
    public ModelSnapshot snapshot() {
        state.lock.lock();
        try {
            if (state.model.network == null) {
                throw new IllegalStateException("no network to save; create one first, e.g. net in-30-out");
            }
            state.loop.publishWeights();
            return SavedModels.snapshot(state.model.setup, state.model.network, state.model.weights, state.choices.optimizer, state.loop.states().optimizer(),
                    state.progress.epoch(), state.progress.step());
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Makes a saved model the session's network: its components are resolved by name, its
     * layout must be the one this engine builds for its widths, its widths must fit the loaded
     * data, and a saved optimizer takes over its state. Validates everything before changing
     * anything.
     *
     * @return a one-line summary
     */
    public String restore(ModelSnapshot saved) {
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("restore a model");
            SavedModels.Restored restored = new SavedModels(state.catalog, state.activations).restore(saved, state.data);
            return adoptRestored(restored, saved);
        } finally {
            state.lock.unlock();
        }
    }

    public String saveModel(java.nio.file.Path file) throws java.io.IOException {
        ModelCodec.ModelFile content;
        state.lock.lock();
        try {
            state.requireNetwork("save");
            content = KeptModels.modelFile(state.data, state.model, state.choices, state.progress, state.loop.states());
        } finally {
            state.lock.unlock();
        }
        ModelCodec.write(file, content);
        markKept(content.model().step(), file.toString());
        return "saved model " + content.model().widthsText() + " (epoch " + content.model().epoch() + ", step "
                + content.model().step() + ", " + content.transforms().size() + " transform"
                + (content.transforms().size() == 1 ? "" : "s") + ") to " + file;
    }

    public List<String> loadModel(java.nio.file.Path file) throws DataFormatException {
        ModelCodec.ModelFile content = ModelCodec.readFile(file);
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("load a model");
            KeptModels.LoadedModel loaded = new KeptModels(state.catalog, state.activations).load(content, state.data, computeForLoading(), file);
            List<String> lines = new ArrayList<>();
            String kept = keepOrRefuse("model load");
            if (kept != null) {
                lines.add(kept);
            }
            lines.addAll(loaded.lines());
            lines.add(adoptModel(loaded) + " from " + file);
            keptNetwork = state.model.network;
            keptStep = state.progress.step();
            keptWhere = file.toString();
            return lines;
        } finally {
            state.lock.unlock();
        }
    }

    public String saveCheckpoint(java.nio.file.Path file) throws java.io.IOException {
        org.ebp.engine.persist.CheckpointCodec.Checkpoint c;
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("save a checkpoint (train ... checkpoint=DIR writes them during training)");
            state.requireNetwork("checkpoint");
            c = checkpointLocked();
        } finally {
            state.lock.unlock();
        }
        org.ebp.engine.persist.CheckpointCodec.write(file, c);
        markKept(c.model().model().step(), file.toString());
        return "saved checkpoint at epoch " + c.model().model().epoch() + ", step " + c.model().model().step() + " to " + file;
    }

    public List<String> loadCheckpoint(java.nio.file.Path file) throws DataFormatException {
        return loadCheckpoint(file, "checkpoint load");
    }

    /** Restores a checkpoint for {@code action} (checkpoint load, model undo). */
    private List<String> loadCheckpoint(java.nio.file.Path file, String action) throws DataFormatException {
        org.ebp.engine.persist.CheckpointCodec.Checkpoint saved = org.ebp.engine.persist.CheckpointCodec.read(file);
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("load a checkpoint");
            KeptModels.LoadedCheckpoint loaded = new KeptModels(state.catalog, state.activations).load(saved, state.data, computeForLoading(), file);
            List<String> lines = new ArrayList<>();
            String kept = keepOrRefuse(action);
            if (kept != null) {
                lines.add(kept);
            }
            lines.addAll(loaded.model().lines());
            String summary = adoptModel(loaded.model());
            state.choices.schedule = loaded.schedule();
            state.loop.states().setSchedule(loaded.scheduleState());
            state.choices.sampler = loaded.sampler();
            state.loop.states().setSampler(loaded.samplerState());
            state.model.reports.addAll(saved.epochs());
            saved.epochs().forEach(state.epochLog::add);
            state.shuffleSeed = saved.seed();
            state.runId = saved.runId();
            state.lastRun = new TrainingRun(1, saved.batch(), saved.evalSplit(), saved.seed(), null, TrainingRun.DEFAULT_DIVERGE);
            keptNetwork = state.model.network;
            keptStep = state.progress.step();
            keptWhere = file.toString();
            lines.add("checkpoint " + summary + "; schedule " + state.choices.schedule.describe() + ", sampler "
                    + state.choices.sampler.describe() + " with their states");
            lines.add(KeptModels.continuation(saved));
            state.history.add(state.progress.step(), state.progress.epoch(), "use", "checkpoint loaded from " + file);
            return lines;
        } finally {
            state.lock.unlock();
        }
    }

    public String exportWeights(java.nio.file.Path file) throws java.io.IOException {
        ParameterLayout layout;
        double[] w;
        state.lock.lock();
        try {
            state.requireNetwork("export");
            layout = state.model.network.layout();
            state.loop.publishWeights();
            w = state.model.weights.clone();
        } finally {
            state.lock.unlock();
        }
        org.ebp.engine.persist.WeightsCodec.write(file, layout, w);
        return "exported " + w.length + " weights of " + state.model.setup.describe() + " to " + file + " as "
                + (org.ebp.engine.persist.WeightsCodec.isArchive(file) ? "arrays " + arrayNames(layout)
                : "one flat float64 vector in the order " + arrayNames(layout));
    }

    public String importWeights(java.nio.file.Path file) throws DataFormatException {
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("import weights");
            state.requireNetwork("import into");
            double[] w = org.ebp.engine.persist.WeightsCodec.read(file, state.model.network.layout());
            String kept = keepOrRefuse("weights import");
            System.arraycopy(w, 0, state.model.weights, 0, w.length);
            state.resetProgress();
            return (kept == null ? "" : kept + "\n") + "imported " + w.length + " weights into " + state.model.setup.describe()
                    + " from " + file + "; training starts afresh from them (optimizer, schedule and sampler states, epoch "
                    + "and step reset)";
        } finally {
            state.lock.unlock();
        }
    }

    public String keepBeforeDiscard(String action) throws java.io.IOException {
        state.lock.lock();
        try {
            return keepOrRefuse(action);
        } finally {
            state.lock.unlock();
        }
    }

    public List<String> undo() throws DataFormatException {
        java.nio.file.Path newest;
        try {
            newest = autosave.newest();
        } catch (java.io.IOException e) {
            throw new DataFormatException("cannot read the autosave folder " + autosave.folder() + ": " + e.getMessage(), e);
        }
        if (newest == null) {
            throw new IllegalStateException("no network was kept in " + autosave.folder() + "; a trained network is kept "
                    + "there when data load, net, reset, model load, checkpoint load or weights import replace it");
        }
        return loadCheckpoint(newest, "model undo");
    }

    /** Points the autosave folder elsewhere (tests; the default is {@code <ebp.user.home>/autosave}). */
    void autosaveFolder(java.nio.file.Path folder) {
        state.lock.lock();
        try {
            autosave = new Autosave(folder);
        } finally {
            state.lock.unlock();
        }
    }

    /** Sets the id of the run record the next checkpoints name. */
    public void runId(String id) {
        state.lock.lock();
        try {
            state.runId = id;
        } finally {
            state.lock.unlock();
        }
    }

    /** The compute service a loaded transform chain is applied with; resolving it changes no choice. */
    private ComputeService computeForLoading() {
        return state.catalog.get(ComponentKind.COMPUTE, state.choices.computeName, ComputeService.class);
    }

    private org.ebp.engine.persist.CheckpointCodec.Checkpoint checkpointLocked() {
        return KeptModels.checkpoint(state.data, state.model, state.choices, state.progress, state.loop.states(), state.shuffleSeed, state.lastRun == null ? 1 : state.lastRun.batch(),
                state.lastRun == null ? null : state.lastRun.evalSplit(), state.runId);
    }

    /** Makes a loaded model the session's network on the loaded model's data; lock held. */
    private String adoptModel(KeptModels.LoadedModel loaded) {
        state.data = loaded.data();
        state.forgetTrainingSet();
        return adoptRestored(loaded.restored(), loaded.snapshot());
    }

    private String adoptRestored(SavedModels.Restored restored, ModelSnapshot saved) {
        state.model.setup = restored.setup();
        state.model.network = restored.network();
        state.model.outputLoss = restored.outputLoss();
        state.model.coding = restored.coding();
        state.model.weights = saved.weights();
        // a model file keeps no precision: the default, where the float passes exist
        state.model.precision = FloatPasses.supports(state.model.network) ? Precision.DEFAULT : Precision.FLOAT64;
        state.resetProgress();
        if (restored.optimizer() != null) {
            state.choices.optimizer = restored.optimizer();
            state.loop.states().setOptimizer(restored.optimizerState());
        }
        state.progress.restart(saved.epoch(), saved.step());
        state.networkRequest = null; // no net call made this network: an experiment cannot replay it
        return "model " + state.model.setup.describe() + " restored at epoch " + state.progress.epoch() + ", step " + state.progress.step()
                + restored.notes();
    }

    /**
     * Before a command replaces a trained network: writes it to the autosave folder unless it is
     * already kept in a file at this step. Lock held.
     *
     * @return the line saying where it is, or null when there was nothing to keep
     * @throws IllegalStateException when it cannot be kept; the command then changes nothing
     */
    String keepOrRefuse(String action) {
        if (state.model.network == null || state.progress.step() == 0) {
            return null;
        }
        if (keptNetwork == state.model.network && keptStep == state.progress.step()) {
            return "note: " + action + " replaces the network " + state.model.setup.describe() + " (epoch " + state.progress.epoch() + ", step "
                    + state.progress.step() + "); it is kept in " + keptWhere;
        }
        java.nio.file.Path file = null;
        try {
            file = autosave.next(action);
            org.ebp.engine.persist.CheckpointCodec.write(file, checkpointLocked());
            autosave.prune();
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException(action + " would discard the trained network " + state.model.setup.describe() + " (epoch "
                    + state.progress.epoch() + ", step " + state.progress.step() + ") and it cannot be kept in " + autosave.folder() + ": "
                    + e.getMessage() + "; save it first with model save FILE or checkpoint save FILE");
        }
        keptNetwork = state.model.network;
        keptStep = state.progress.step();
        keptWhere = file.toString();
        return "kept the trained network " + state.model.setup.describe() + " (epoch " + state.progress.epoch() + ", step " + state.progress.step()
                + ") in " + file + " before " + action + "; model undo brings it back";
    }

    private void markKept(long step, String where) {
        state.lock.lock();
        try {
            if (state.progress.step() == step) {
                keptNetwork = state.model.network;
                keptStep = step;
                keptWhere = where;
            }
        } finally {
            state.lock.unlock();
        }
    }

    private static String arrayNames(ParameterLayout layout) {
        List<String> names = new ArrayList<>();
        for (ParameterLayout.Segment s : layout.segments()) {
            names.add(org.ebp.engine.persist.WeightsCodec.arrayName(s) + org.ebp.engine.persist.NpyArray.shapeText(
                    s.role() == ParameterLayout.Role.WEIGHTS || s.role() == ParameterLayout.Role.CENTERS
                            ? new int[] {s.rows(), s.cols()} : new int[] {s.length()}));
        }
        return String.join(" ", names);
    }

    /**
     * Writes the experiment that makes the current network again (format ebp-experiment):
     * data, split, transforms, net, components and the last train call's settings, with the
     * epochs trained so far or {@code epochs=N}.
     */
    public String saveExperiment(java.nio.file.Path file, Map<String, String> settings) throws java.io.IOException {
        Settings s = Settings.parse("experiment save", EXPERIMENT_SAVE_SETTINGS, Session.orEmpty(settings));
        org.ebp.engine.persist.Experiment e = experiment(s.getInt("epochs"));
        org.ebp.engine.persist.ExperimentCodec.write(file, e);
        return "saved experiment (" + e.data().name() + ", net " + e.netSpec() + ", " + e.components().get("optimizer").name()
                + ", " + e.epochs() + " epoch" + (e.epochs() == 1 ? "" : "s") + ") to " + file;
    }

    /**
     * The experiment that makes the current network again (what {@link #saveExperiment} writes).
     *
     * @param epochs epochs it trains, or 0 for as many as the network's train call asked for
     */
    org.ebp.engine.persist.Experiment experiment(int epochs) {
        state.lock.lock();
        try {
            return ExperimentRecipe.of(state.dataOrigin, state.splitRequest, state.data, state.networkRequest, state.choices,
                    state.progress, state.lastTrainSettings, epochs > 0 ? epochs : state.lastTrainEpochs);
        } finally {
            state.lock.unlock();
        }
    }

    /** The settings of {@code experiment save}, declared once. */
    static final List<org.ebp.api.component.ParameterSpec> EXPERIMENT_SAVE_SETTINGS = List.of(
            org.ebp.api.component.ParameterSpec.integer("epochs", 0, 0, Integer.MAX_VALUE,
                    "epochs the experiment trains (0: as many as this session has trained)"));

    /**
     * Reads an experiment file and replays it in this session: the data, split, transforms,
     * network and components it names, then trains; the steps and the progress go to the listener.
     */
    List<EpochReport> runExperiment(Session session, java.nio.file.Path file, TrainingListener listener) throws DataFormatException {
        return runExperiment(session, org.ebp.engine.persist.ExperimentCodec.read(file), listener);
    }

    /** Replays an experiment in this session, as {@code experiment run} does a file. */
    List<EpochReport> runExperiment(Session session, org.ebp.engine.persist.Experiment e, TrainingListener listener)
            throws DataFormatException {
        state.refuseWhileTraining("run an experiment");
        return ExperimentRecipe.replay(session, state.catalog, e, listener);
    }

}

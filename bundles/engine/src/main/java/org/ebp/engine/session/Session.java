package org.ebp.engine.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.keep.ModelKeeping;
import org.ebp.api.data.Splitter;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.TrainingSession;
import org.ebp.engine.persist.ModelSnapshot;
import org.ebp.io.Excerpt;

/**
 * A training session: data, splits and transforms, a network with its weights, the components
 * in use with their state, and the training loop. Plain Java: it needs only a
 * {@link ComponentCatalog} and a {@link Splitter}, so it runs in unit tests without OSGi.
 *
 * <p><b>Threads.</b> Training runs on the session's own daemon thread ({@code ebp-session-<n>});
 * {@link #train} hands the run to it and waits. All state is guarded by one fair lock. The
 * training thread holds it for one optimizer step at a time, so every other call (status,
 * evaluate, {@link #use}) runs between two steps: a component chosen during training takes
 * effect at the next step boundary (a sampler at the next epoch), never inside a step. Calls
 * that would pull the data or the network from under a running training (loading, splitting,
 * transforming, creating a network) are refused while it runs.
 *
 * <p><b>Parts.</b> This class is the session's face; what it knows is a {@link SessionState},
 * and the work is done by {@link SessionDataOps} (data, splits, transforms), {@link SessionSetup}
 * (network and components), {@link SessionRuns} (training runs, stop, pause, resume, with
 * {@link SessionBoundary} at every step boundary), {@link SessionKeeping} (model, checkpoint,
 * weights and experiment files, autosave) and {@link SessionHessian} (curvature).
 *
 * <p><b>Failures change nothing.</b> Every operation validates names and settings and computes
 * its result into locals before it assigns any field.
 *
 * <p><b>Reproducibility.</b> Initial weights come from a {@link SplittableRandom} seeded with the
 * network's {@code seed}; each epoch's sampler stream is seeded from the train {@code seed} and
 * the epoch number, so equal seeds give bit-identical runs, and training 2 then 3 epochs equals
 * training 5.
 */
public final class Session implements TrainingSession, org.ebp.api.session.HessianTools, ModelKeeping, AutoCloseable {

    static final String AUTO = "auto";
    static final String NONE = "none";

    private static final AtomicInteger SESSION_NUMBERS = new AtomicInteger();

    /** What the session knows; every part below reads and changes it under its lock. */
    private final SessionState state;
    private final SessionKeeping keeping;
    private final SessionDataOps dataOps;
    private final SessionRuns runs;
    private final SessionSetup setup;

    /** A session whose thread is numbered from a counter shared by the sessions of this class loader. */
    public Session(ComponentCatalog catalog, Splitter splitter) {
        this(catalog, splitter, SESSION_NUMBERS.incrementAndGet());
    }

    /** A session whose thread is named {@code ebp-session-<number>}. */
    public Session(ComponentCatalog catalog, Splitter splitter, int number) {
        this(catalog, constant(Objects.requireNonNull(splitter, "splitter")), number);
    }

    /**
     * A session that asks {@code splitters} for the splitter each time it splits, so it outlives
     * the bundle that provides it: while none is installed (null), {@code data split} says so and
     * everything else goes on.
     */
    public Session(ComponentCatalog catalog, Supplier<Splitter> splitters, int number) {
        this.state = new SessionState(Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(splitters, "splitters"));
        this.keeping = new SessionKeeping(state);
        this.dataOps = new SessionDataOps(state, keeping);
        this.runs = new SessionRuns(state, "ebp-session-" + number);
        this.setup = new SessionSetup(state, keeping);
        if (catalog instanceof org.ebp.engine.registry.ObservableCatalog observable) {
            observable.addListener(state.gate);
        }
    }

    /** Keeps a record of every run from now on in {@code folder} (null: none). */
    public void recordRunsIn(org.ebp.engine.runs.RunFolder folder) {
        state.lock.lock();
        try {
            state.runFolder = folder;
        } finally {
            state.lock.unlock();
        }
    }

    /** Name of the thread training runs on. */
    public String threadName() {
        return runs.threadName();
    }

    // ================================================================ data

    @Override
    public String loadData(String source, Map<String, String> settings) throws DataFormatException {
        return MemoryGuard.run("data load " + source, "a smaller data set", () -> dataOps.loadDataGuarded(source, settings));
    }

    @Override
    public Map<String, Integer> split(Map<String, String> settings) {
        return dataOps.split(settings);
    }

    @Override
    public List<String> describe(String split) {
        return dataOps.describe(split);
    }

    @Override
    public List<String> fitTransform(String transform, Map<String, String> settings) {
        requireName(transform, "a transform, e.g. standardize");
        return dataOps.fitTransforms(List.of(Map.entry(transform, orEmpty(settings))));
    }

    /**
     * Fits transforms one after another, each on the training set as the previous ones left it,
     * and applies each to every split: all of them or, when one fails, none.
     *
     * @param chain transform names with their settings, in order of application
     * @return the report lines of every step
     */
    public List<String> fitTransforms(List<Map.Entry<String, Map<String, String>>> chain) {
        return dataOps.fitTransforms(chain);
    }

    /** The fitted transforms, one line each: name, settings, widths. */
    public List<String> describeTransforms() {
        return dataOps.describeTransforms();
    }

    /** Removes every fitted transform: the splits are as loaded and split again. */
    public List<String> clearTransforms() {
        return dataOps.clearTransforms();
    }

    /** Writes the fitted transforms, in order, to a JSON file (format ebp-transform-chain), atomically. */
    public String saveTransforms(java.nio.file.Path file) throws java.io.IOException {
        return dataOps.saveTransforms(file);
    }

    /**
     * Reads a transform file and applies its transforms, without refitting, after the current
     * ones. Validates everything (file, names, widths against the data) before changing anything.
     */
    public List<String> loadTransforms(java.nio.file.Path file) throws DataFormatException {
        return dataOps.loadTransforms(file);
    }

    /** The fitted transforms in order of application. */
    public List<FittedTransform> fittedTransforms() {
        return dataOps.fittedTransforms();
    }

    // ================================================================ network and components

    @Override
    public String createNetwork(String spec, Map<String, String> settings) {
        return MemoryGuard.run("net " + Excerpt.of(spec), "narrower layers", () -> setup.createNetwork(spec, settings));
    }

    @Override
    public String use(ComponentKind kind, String name, Map<String, String> settings) {
        return MemoryGuard.run("use " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name,
                "a smaller network, or lbfgs instead of a matrix method", () -> setup.use(kind, name, settings));
    }

    // ================================================================ training

    @Override
    public List<EpochReport> train(int epochs, Map<String, String> settings, TrainingListener listener) {
        return runs.train(epochs, settings, listener);
    }

    @Override
    public Future<List<EpochReport>> trainInBackground(int epochs, Map<String, String> settings, TrainingListener listener) {
        return runs.trainInBackground(epochs, settings, listener);
    }

    /** Asks a running training to stop at the next step boundary; the epoch so far is reported. */
    @Override
    public boolean stop() {
        return runs.stop();
    }

    @Override
    public boolean pause() {
        return runs.pause();
    }

    @Override
    public String resume() {
        return runs.resume();
    }

    @Override
    public List<org.ebp.api.session.SessionEvent> history() {
        return state.history.events();
    }

    // ================================================================ evaluation and status

    @Override
    public Evaluation evaluate(String split) {
        state.lock.lock();
        try {
            state.requireData();
            if (state.model.network == null) {
                throw new IllegalStateException("no network; create one first, e.g. net in-30-out");
            }
            state.choices.resolveCompute();
            return state.evaluateLocked(split == null || split.isBlank() ? SessionData.ALL : split.trim());
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public org.ebp.api.session.EvaluationDetail evaluateDetail(String split) {
        state.lock.lock();
        try {
            Evaluation e = evaluate(split);
            org.ebp.api.data.Dataset d = state.data.part(e.split());
            double[] outputs = NetworkOutputs.of(state.model.network, state.model.weights, state.choices.compute, d);
            return NetworkOutputs.detail(e, d, outputs, state.model.network.outputWidth());
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public org.ebp.api.session.StepProgress stepProgress() {
        return state.loop.stepProgress();
    }

    @Override
    public SessionStatus status() {
        if (state.lock.tryLock()) {
            try {
                return state.publishStatus();
            } finally {
                state.lock.unlock();
            }
        }
        // the lock is busy (a training step, an end-of-epoch evaluation): a command that only reads
        // must not wait, so answer from the last full status with the live progress counters
        SessionStatus last = state.lastStatus;
        return new SessionStatus(last.state(), last.dataset(), last.splits(), last.transforms(), last.network(),
                last.parameters(), last.components(), state.progress.epoch(), state.progress.step(), state.progress.lastReport(), last.seeds());
    }

    /** A copy of the current weights, or null without a network. */
    public double[] weights() {
        state.lock.lock();
        try {
            state.loop.publishWeights();
            return state.model.weights == null ? null : state.model.weights.clone();
        } finally {
            state.lock.unlock();
        }
    }

    /** The current network's parameter layout, or null. */
    public ParameterLayout layout() {
        state.lock.lock();
        try {
            return state.model.network == null ? null : state.model.network.layout();
        } finally {
            state.lock.unlock();
        }
    }

    /** A copy of the optimizer state, or null when none exists yet. */
    public State optimizerState() {
        state.lock.lock();
        try {
            State optimizer = state.loop.states().optimizer();
            return optimizer == null ? null : optimizer.copy();
        } finally {
            state.lock.unlock();
        }
    }

    // ================================================================ Hessian tools (issue 5)

    @Override
    public org.ebp.api.session.HessianTools.Spectrum largestEigenvalue(Map<String, String> settings) {
        Settings s = SessionHessian.validate("hessian eig", SessionHessian.EIG, settings);
        state.lock.lock();
        try {
            return SessionHessian.of(state, s).largestEigenvalue(s);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public org.ebp.api.session.HessianTools.Spectrum spectrum(Map<String, String> settings) {
        Settings s = SessionHessian.validate("hessian spectrum", SessionHessian.SPECTRUM, settings);
        state.lock.lock();
        try {
            org.ebp.api.session.HessianTools.Spectrum spectrum = SessionHessian.of(state, s).spectrum(s);
            state.latestSpectrum = spectrum;
            return spectrum;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public org.ebp.api.session.HessianTools.Spectrum latestSpectrum() {
        return state.latestSpectrum;
    }

    // The settings this session checks, declared once; the shell renders them (issue 11).

    @Override
    public List<org.ebp.api.component.ParameterSpec> trainSettings() {
        return TrainingRunPlan.DECLARED;
    }

    @Override
    public List<org.ebp.api.component.ParameterSpec> largestEigenvalueSettings() {
        return SessionHessian.EIG;
    }

    @Override
    public List<org.ebp.api.component.ParameterSpec> spectrumSettings() {
        return SessionHessian.SPECTRUM;
    }

    @Override
    public List<EpochReport> epochs() {
        return state.epochLog.reports();
    }

    @Override
    public List<org.ebp.api.session.InputSpectrumStage> inputSpectra() {
        state.lock.lock();
        try {
            return InputSpectra.of(state.requireData(), state.computeOrNull());
        } finally {
            state.lock.unlock();
        }
    }

    // ================================================================ keeping work (issue 10)

    /**
     * The network, its weights, the optimizer with its state and the training progress as
     * data, for a model file.
     *
     * @throws IllegalStateException without a network
     */
    public ModelSnapshot snapshot() {
        return keeping.snapshot();
    }

    /**
     * Makes a saved model the session's network (see {@link SessionKeeping#restore}).
     *
     * @return a one-line summary
     */
    public String restore(ModelSnapshot saved) {
        return keeping.restore(saved);
    }

    @Override
    public String saveModel(java.nio.file.Path file) throws java.io.IOException {
        return keeping.saveModel(file);
    }

    @Override
    public List<String> loadModel(java.nio.file.Path file) throws DataFormatException {
        return keeping.loadModel(file);
    }

    @Override
    public String saveCheckpoint(java.nio.file.Path file) throws java.io.IOException {
        return keeping.saveCheckpoint(file);
    }

    @Override
    public List<String> loadCheckpoint(java.nio.file.Path file) throws DataFormatException {
        return keeping.loadCheckpoint(file);
    }

    @Override
    public String exportWeights(java.nio.file.Path file) throws java.io.IOException {
        return keeping.exportWeights(file);
    }

    @Override
    public String importWeights(java.nio.file.Path file) throws DataFormatException {
        return keeping.importWeights(file);
    }

    @Override
    public String keepBeforeDiscard(String action) throws java.io.IOException {
        return keeping.keepBeforeDiscard(action);
    }

    @Override
    public List<String> undo() throws DataFormatException {
        return keeping.undo();
    }

    /** Points the autosave folder elsewhere (tests; the default is {@code <ebp.user.home>/autosave}). */
    void autosaveFolder(java.nio.file.Path folder) {
        keeping.autosaveFolder(folder);
    }

    /** Sets the id of the run record the next checkpoints name. */
    public void runId(String id) {
        keeping.runId(id);
    }

    @Override
    public org.ebp.api.keep.Prediction predict(String source, Map<String, String> settings, java.nio.file.Path out)
            throws java.io.IOException {
        return Predictions.predict(state, source, orEmpty(settings), out);
    }

    @Override
    public String saveExperiment(java.nio.file.Path file, Map<String, String> settings) throws java.io.IOException {
        return keeping.saveExperiment(file, settings);
    }

    @Override
    public List<EpochReport> runExperiment(java.nio.file.Path file, TrainingListener listener) throws DataFormatException {
        return keeping.runExperiment(this, file, listener);
    }

    /** The experiment that makes the current network again: the recipe of ablations and sweeps (0 epochs: as trained). */
    public org.ebp.engine.persist.Experiment experiment(int epochs) {
        return keeping.experiment(epochs);
    }

    /** Replays an experiment in this session (a recipe of an ablation or a sweep). */
    public List<EpochReport> runExperiment(org.ebp.engine.persist.Experiment e, TrainingListener listener)
            throws DataFormatException {
        return keeping.runExperiment(this, e, listener);
    }

    /** Stops training at the next step boundary and ends the session's thread. */
    @Override
    public void close() {
        state.lock.lock();
        try {
            state.closed = true;
            state.resumed.signalAll();
        } finally {
            state.lock.unlock();
        }
        state.stopRequested = true;
        if (state.catalog instanceof org.ebp.engine.registry.ObservableCatalog observable) {
            observable.removeListener(state.gate);
        }
        runs.shutdown();
    }

    // ================================================================ helpers

    private static Supplier<Splitter> constant(Splitter splitter) {
        return () -> splitter;
    }

    static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name " + what);
        }
    }

    static Map<String, String> orEmpty(Map<String, String> settings) {
        return settings == null ? Map.of() : settings;
    }
}

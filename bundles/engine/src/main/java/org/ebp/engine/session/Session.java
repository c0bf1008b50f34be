package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.data.SplitDataset;
import org.ebp.api.keep.ModelKeeping;
import org.ebp.api.data.Splitter;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Sampler;
import org.ebp.api.optim.Schedule;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.TrainingSession;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.persist.ModelCodec;
import org.ebp.engine.persist.ModelSnapshot;
import org.ebp.engine.persist.TransformChainCodec;
import org.ebp.engine.training.BatchObjective;
import org.ebp.engine.training.Choice;
import org.ebp.engine.training.EpochLoop;
import org.ebp.engine.training.ExampleGatherer;
import org.ebp.engine.training.Precision;
import org.ebp.engine.training.TrainingHost;
import org.ebp.engine.training.TrainingProgress;
import org.ebp.engine.training.TrainingRun;
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

    private final ComponentCatalog catalog;
    /** Activations configured with activation.KEY / output.KEY settings; guarded by lock. */
    private final ConfiguredActivations activations = new ConfiguredActivations();
    /** The splitter in use now, or null while none is installed (the data bundle is being updated). */
    private final Supplier<Splitter> splitters;
    private final String threadName;
    private final ExecutorService executor;
    private final ReentrantLock lock = new ReentrantLock(true);
    /** Signalled when a paused training may go on (resume, use, stop, close). */
    private final java.util.concurrent.locks.Condition resumed = lock.newCondition();
    /** Registry changes, user pause and missing components, checked at every step boundary. */
    private final TrainingGate gate = new TrainingGate();
    private final RunHistory history = new RunHistory();
    /** The current network's epoch reports, for curves; read without the lock. */
    private final EpochLog epochLog = new EpochLog();
    /** The spectrum computed last for the current network, or null. */
    private volatile org.ebp.api.session.HessianTools.Spectrum latestSpectrum;

    // ---- everything below is guarded by lock ----
    private SessionData data;

    private final SessionModel model = new SessionModel();
    private final ComponentChoices choices;
    /** The training loop; owns the training progress and the component states. */
    private final EpochLoop loop;
    private final TrainingProgress progress;

    private long shuffleSeed = 1;
    /** Where run records go; null: runs are not recorded (plain unit tests). */
    private org.ebp.engine.runs.RunFolder runFolder;
    /** What the data, the split and the network were made from, for run records. */
    private RunConfiguration.DataOrigin dataOrigin;
    private Map<String, String> splitRequest;
    /** The settings of the last train call, for experiment files. */
    private Map<String, String> lastTrainSettings;
    /** The epochs the only train call of this network asked for, or 0 when it was trained by several calls. */
    private int lastTrainEpochs;
    /** The net call that made the network (spec and settings as given), or null (none, or restored from a file). */
    private org.ebp.engine.persist.Experiment.Step networkRequest;
    private boolean training;
    /**
     * The last status built under the lock; {@link #status()} answers from it (with live progress
     * counters) while training holds the lock. Refreshed at every change a running training sees:
     * its start and end, every epoch, every swap.
     */
    private volatile SessionStatus lastStatus;
    private volatile boolean stopRequested;
    private boolean closed;
    /** Batch setting and training-set size of the running train call, for checks during training. */
    private int runBatch;
    private int runTrainingSize;
    /** The settings of the latest train call, for checkpoints; null before the first. */
    private TrainingRun lastRun;
    /** Run record id of the latest run (set by the run records), or null. */
    private String runId;
    /** Where a trained network goes before a command discards it. */
    private Autosave autosave = Autosave.ofUserHome();
    /** The network and step last written to a file, and where: a network kept there needs no autosave. */
    private Object keptNetwork;
    private long keptStep = -1;
    private String keptWhere;


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
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.splitters = Objects.requireNonNull(splitters, "splitters");
        this.loop = new EpochLoop(lock, new LoopHost());
        this.progress = loop.progress();
        this.choices = new ComponentChoices(catalog, loop.states());
        this.threadName = "ebp-session-" + number;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
        if (catalog instanceof org.ebp.engine.registry.ObservableCatalog observable) {
            observable.addListener(gate);
        }
        lastStatus = StatusReport.of("idle", null, model, choices, progress, shuffleSeed);
    }

    /** Keeps a record of every run from now on in {@code folder} (null: none). */
    public void recordRunsIn(org.ebp.engine.runs.RunFolder folder) {
        lock.lock();
        try {
            runFolder = folder;
        } finally {
            lock.unlock();
        }
    }

    /** Name of the thread training runs on. */
    public String threadName() {
        return threadName;
    }

    // ================================================================ data

    @Override
    public String loadData(String source, Map<String, String> settings) throws DataFormatException {
        return MemoryGuard.run("data load " + source, "a smaller data set", () -> loadDataGuarded(source, settings));
    }

    private String loadDataGuarded(String source, Map<String, String> settings) throws DataFormatException {
        requireName(source, "a dataset, e.g. digits");
        refuseWhileTraining("load data");
        DatasetSource dataSource = catalog.get(ComponentKind.DATASET, source, DatasetSource.class);
        Settings validated = dataSource.settings(orEmpty(settings));
        SplitDataset withSplits = dataSource.loadWithSplits(validated);
        Dataset loaded = withSplits == null ? null : withSplits.data();
        if (loaded == null) {
            throw new IllegalStateException("dataset '" + source + "' returned no data");
        }
        if (loaded.size() == 0) {
            throw new IllegalArgumentException("dataset '" + loaded.name() + "' has no examples; check its settings ("
                    + validated + ")");
        }
        lock.lock();
        try {
            refuseWhileTrainingLocked("load data");
            String kept = keepOrRefuse("data load");
            data = SessionData.loaded(withSplits);
            dataOrigin = new RunConfiguration.DataOrigin(dataSource.name(), validated.asText());
            splitRequest = null;
            dropNetwork();
            StringBuilder official = new StringBuilder();
            withSplits.splits().forEach((k, v) -> official.append(official.length() == 0 ? "; official splits: " : ", ")
                    .append(k).append('=').append(v.length));
            return (kept == null ? "" : kept + "\n") + SessionData.summary(loaded) + official;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<String, Integer> split(Map<String, String> settings) {
        Map<String, String> raw = new LinkedHashMap<>(orEmpty(settings));
        lock.lock();
        try {
            refuseWhileTrainingLocked("split the data");
            SessionData current = requireData();
            long seed = Formats.parseLong("split", "seed", raw.remove("seed"), 1);
            boolean stratify = Formats.parseBoolean("split", "stratify", raw.remove("stratify"), true);
            SplitRequest.Plan plan = SplitRequest.plan(current, raw);
            LinkedHashMap<String, Double> fractions = SplitRequest.fractions(raw);
            LinkedHashMap<String, Dataset> parts = requireSplitter().split(plan.source(), fractions,
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
            SessionData next = current.withSplits(named, seed);
            data = next;
            splitRequest = splitSettings(fractions, seed, stratify, settings);
            // the network is kept while it still fits the (untransformed) data: the user may
            // re-split to change the held-out part without losing the weights
            if (model.network != null && (model.network.inputWidth() != next.featureWidth()
                    || model.network.outputWidth() != next.outputWidth())) {
                dropNetwork();
            } else {
                forgetTrainingSet();
            }
            Map<String, Integer> sizes = new LinkedHashMap<>();
            named.forEach((k, v) -> sizes.put(k, v.size()));
            return sizes;
        } finally {
            lock.unlock();
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

    @Override
    public List<String> describe(String split) {
        lock.lock();
        try {
            return DataDescription.describe(requireData(), split, this::computeOrNull);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> fitTransform(String transform, Map<String, String> settings) {
        requireName(transform, "a transform, e.g. standardize");
        return fitTransforms(List.of(Map.entry(transform, orEmpty(settings))));
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
            requireName(entry.getKey(), "a transform, e.g. standardize");
            DataTransform component = catalog.get(ComponentKind.TRANSFORM, entry.getKey(), DataTransform.class);
            components.add(component);
            settings.add(component.settings(orEmpty(entry.getValue())));
        }
        lock.lock();
        try {
            refuseWhileTrainingLocked("fit a transform");
            SessionData next = requireData();
            ComputeService c = choices.resolveCompute();
            TransformSteps.Step fitted = MemoryGuard.run("transform", "fewer features (or pca with k=)",
                    () -> TransformSteps.fitAll(next, components, settings, c));
            return commitTransforms(fitted.data(), fitted.lines());
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code next} the session's data after transforms, with notes about the network. Lock held. */
    private List<String> commitTransforms(SessionData next, List<String> lines) {
        if (model.network != null) {
            if (model.network.inputWidth() != next.featureWidth()) {
                lines.add("the network " + model.network.spec() + " expects " + model.network.inputWidth() + " inputs but the data "
                        + "now has " + next.featureWidth() + "; create a new one, e.g. net in-30-out");
            } else if (progress.epoch() > 0) {
                lines.add("note: the network was trained on the inputs before this transform; create a new network "
                        + "to start fresh");
            }
        }
        data = next;
        forgetTrainingSet();
        return lines;
    }

    /** The fitted transforms, one line each: name, settings, widths. */
    public List<String> describeTransforms() {
        lock.lock();
        try {
            return DataDescription.transforms(data);
        } finally {
            lock.unlock();
        }
    }

    /** Removes every fitted transform: the splits are as loaded and split again. */
    public List<String> clearTransforms() {
        lock.lock();
        try {
            refuseWhileTrainingLocked("clear the transforms");
            SessionData current = requireData();
            int count = current.transforms().size();
            return commitTransforms(current.withoutTransforms(), new ArrayList<>(List.of("removed " + count + " transform"
                    + (count == 1 ? "" : "s") + "; " + current.base().features() + " features as loaded")));
        } finally {
            lock.unlock();
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
            components.add(catalog.get(ComponentKind.TRANSFORM, fitted.transform(), DataTransform.class));
        }
        lock.lock();
        try {
            refuseWhileTrainingLocked("load transforms");
            SessionData next = requireData();
            if (chain.get(0).inputWidth() != next.featureWidth()) {
                throw new IllegalArgumentException(file + ": the transforms were fitted on " + chain.get(0).inputWidth()
                        + " features but the data has " + next.featureWidth() + (next.transforms().isEmpty() ? ""
                        : " after its " + next.transforms().size() + " transform(s) ('transform clear' removes them)")
                        + "; load data of that width, or fit the transforms on this data");
            }
            ComputeService c = choices.resolveCompute();
            TransformSteps.Step loaded = TransformSteps.applyAll(next, components, chain, c, file);
            return commitTransforms(loaded.data(), loaded.lines());
        } finally {
            lock.unlock();
        }
    }

    /** The compute service for statistics, or null when none is installed (the stats then say so). */
    private ComputeService computeOrNull() {
        try {
            return choices.resolveCompute();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ================================================================ network

    @Override
    public String createNetwork(String spec, Map<String, String> settings) {
        return MemoryGuard.run("net " + Excerpt.of(spec), "narrower layers", () -> createNetworkGuarded(spec, settings));
    }

    private String createNetworkGuarded(String spec, Map<String, String> settings) {
        Map<String, String> raw = new LinkedHashMap<>(orEmpty(settings));
        lock.lock();
        try {
            refuseWhileTrainingLocked("create a network");
            org.ebp.engine.persist.Experiment.Step request = new org.ebp.engine.persist.Experiment.Step(
                    spec == null ? "" : spec.trim(), raw);
            NetworkBuilder.Built built = new NetworkBuilder(catalog, activations, choices::resolveCompute).build(spec, raw, data);
            String kept = keepOrRefuse("net");
            networkRequest = request;
            model.setup = built.setup();
            model.network = built.network();
            model.outputLoss = built.outputLoss();
            model.coding = built.coding();
            model.weights = built.weights();
            model.precision = built.precision();
            resetProgress();
            return (kept == null ? "" : kept + "\n") + built.summary();
        } finally {
            lock.unlock();
        }
    }

    // ================================================================ components

    @Override
    public String use(ComponentKind kind, String name, Map<String, String> settings) {
        return MemoryGuard.run("use " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name,
                "a smaller network, or lbfgs instead of a matrix method", () -> useGuarded(kind, name, settings));
    }

    private String useGuarded(ComponentKind kind, String name, Map<String, String> settings) {
        Objects.requireNonNull(kind, "kind");
        Map<String, String> raw = orEmpty(settings);
        lock.lock();
        try {
            String result;
            try {
                result = switch (kind) {
                    case OPTIMIZER -> choices.useOptimizer(name, raw, model, training, runBatch, runTrainingSize,
                            this::trainingSizeOrUnknown);
                    case SCHEDULE -> choices.useSchedule(name, raw, training);
                    case SAMPLER -> choices.useSampler(name, raw, training);
                    case COMPUTE -> choices.useCompute(name, raw, training);
                    case ACTIVATION -> {
                        String swapped = ActivationSwap.use(catalog, model, name, raw);
                        loop.forgetObjective();
                        yield swapped;
                    }
                    default -> throw new IllegalArgumentException("use works for optimizer, schedule, sampler, compute and "
                            + "activation; choose the " + kind + " with " + switch (kind) {
                                case DATASET -> "data load NAME";
                                case TRANSFORM -> "transform NAME";
                                default -> "net SPEC (activation=, output=, coding=, loss=, init=)";
                            });
                };
            } catch (RuntimeException e) {
                if (training) {
                    history.add(progress.step(), progress.epoch(), "refused", "use " + kind + " " + name + " refused, training continues "
                            + "unchanged: " + e.getMessage());
                }
                throw e;
            }
            if (training) {
                history.add(progress.step(), progress.epoch(), "swap", result + " (from step " + (progress.step() + 1)
                        + (kind == ComponentKind.SAMPLER ? ", at the next epoch" : "") + ")");
                // a component chosen while paused for a missing one may end the pause
                gate.requestCheck();
                resumed.signalAll();
            } else {
                history.add(progress.step(), progress.epoch(), "use", result);
            }
            publishStatus();
            return result;
        } finally {
            lock.unlock();
        }
    }

    private String trainingSizeOrUnknown() {
        try {
            return data == null ? "<training set size>" : Integer.toString(data.trainingSet().size());
        } catch (IllegalStateException e) {
            return "<training set size>";
        }
    }

    /**
     * Resolves every component in use by name again (an updated bundle registers a new service
     * object), re-validating settings with the new service and letting a new optimizer object
     * adopt the state. Returns notes for the listener.
     */
    private List<String> refreshComponents() {
        List<String> notes = choices.refresh(model.network.layout());
        Activation hidden = activations.resolve(catalog, model.setup.hidden(), model.setup.hiddenSettings(), ConfiguredActivations.HIDDEN_PREFIX);
        Activation output = activations.resolve(catalog, model.setup.output(), model.setup.outputSettings(), ConfiguredActivations.OUTPUT_PREFIX);
        Loss loss = catalog.get(ComponentKind.LOSS, model.setup.loss(), Loss.class);
        if (hidden != model.network.hiddenActivation() || output != model.network.outputActivation() || loss != model.outputLoss.loss()) {
            model.network = model.network.withActivations(hidden, output);
            model.outputLoss = OutputLayerLoss.bind(output, loss, model.setup.loss());
            forgetTrainingSet();
        }
        if (model.setup.coding() != null) {
            TargetCoding c = catalog.get(ComponentKind.TARGET_CODING, model.setup.coding(), TargetCoding.class);
            if (c != model.coding) {
                model.coding = c;
                forgetTrainingSet();
            }
        }
        return notes;
    }

    // ================================================================ training

    @Override
    public List<EpochReport> train(int epochs, Map<String, String> settings, TrainingListener listener) {
        Future<List<EpochReport>> future = trainInBackground(epochs, settings, listener);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // the caller gave up waiting (Ctrl-C): stop at the next step boundary, then return
                    interrupted = true;
                    stopRequested = true;
                    lock.lock();
                    try {
                        resumed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof OutOfMemoryError oom) {
                throw MemoryGuard.translate("train", "a smaller network or batch, or lbfgs instead of a matrix method", oom);
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Future<List<EpochReport>> trainInBackground(int epochs, Map<String, String> settings, TrainingListener listener) {
        TrainingListener sink = listener == null ? report -> { } : listener;
        TrainingRunPlan.Prepared run;
        Map<String, String> trainSettings = new LinkedHashMap<>(orEmpty(settings));
        CheckpointPlan checkpoints;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("this session is closed; start a new one");
            }
            refuseWhileTrainingLocked("start another training run");
            checkpoints = CheckpointPlan.take(trainSettings);
            run = TrainingRunPlan.prepare(epochs, trainSettings, data, model, choices, this::refreshComponents);
            lastTrainSettings = new LinkedHashMap<>(orEmpty(settings));
            // a network trained by one call: its experiment asks for what that call asked (e.g. 40 epochs, patience 3)
            lastTrainEpochs = progress.epoch() == 0 ? epochs : 0;
            training = true;
            stopRequested = false;
        } finally {
            lock.unlock();
        }
        Future<List<EpochReport>> future;
        try {
            future = executor.submit(() -> runTraining(run, checkpoints, sink));
        } catch (RejectedExecutionException e) {
            finishRun();
            throw new IllegalStateException("this session is closed; start a new one");
        }
        return future;
    }

    private List<EpochReport> runTraining(TrainingRunPlan.Prepared prepared, CheckpointPlan checkpoints, TrainingListener caller) {
        TrainingRun run = prepared.run();
        EarlyStopping early = prepared.stopping().active() ? new EarlyStopping(prepared.stopping()) : null;
        boolean stoppedEarly = false;
        String earlyNote = null;
        List<EpochReport> reports = new ArrayList<>();
        RunRecorder recorder = null;
        TrainingListener listener = caller;
        String failure = null;
        try {
            lock.lock();
            try {
                shuffleSeed = run.seed();
                recorder = startRecord(prepared, caller);
                runId = recorder.id(); // checkpoints of this run name its record
                listener = recorder;
                gate.reset();
                loop.startRun();
                history.add(progress.step(), progress.epoch(), "train", "train " + run.epochs() + " epoch" + (run.epochs() == 1 ? "" : "s")
                        + " batch=" + run.batch() + " with " + choices.currentOptimizer().describe());
                runBatch = run.batch();
                lastRun = run;
                runTrainingSize = data.trainingSet().size();
                if (!data.isSplit()) {
                    EpochLoop.notify(listener, "training on the whole set '" + data.base().name() + "' (it is not split; use split "
                            + "train=0.8 test=0.2 to hold out a test set)");
                }
            } finally {
                lock.unlock();
            }
            for (int i = 0; i < run.epochs(); i++) {
                // every epoch re-resolves its components by name, as before
                EpochLoop.Outcome outcome = loop.run(run, listener, () -> {
                    gate.requestCheck();
                    publishStatus();
                });
                if (outcome.report() != null) {
                    reports.add(outcome.report());
                    recordEpoch(outcome.report());
                    epochLog.add(outcome.report());
                    try {
                        listener.epochFinished(outcome.report());
                    } catch (RuntimeException e) {
                        // a faulty listener must not break the run
                    }
                    if (checkpoints != null && checkpoints.due(outcome.report(), i == run.epochs() - 1 || outcome.stop(), i + 1)) {
                        writeCheckpoint(checkpoints, outcome.report(), listener);
                    }
                    if (early != null && monitorEpoch(early, outcome.report())) {
                        stoppedEarly = true;
                        break;
                    }
                }
                if (outcome.stop()) {
                    break;
                }
            }
            if (early != null) {
                earlyNote = restoreBest(early, stoppedEarly, listener);
            }
            return reports;
        } catch (RuntimeException | Error e) {
            history.add(progress.step(), progress.epoch(), "finish", "run failed: " + e.getMessage());
            failure = "failed: " + e.getMessage();
            throw e;
        } finally {
            history.add(progress.step(), progress.epoch(), "finish", "run ended at epoch " + progress.epoch() + ", step " + progress.step());
            if (recorder != null) {
                endRecord(recorder, run, reports.size(), failure, stoppedEarly ? earlyNote : null);
            }
            finishRun();
        }
    }

    /** Early stopping after an epoch: takes the monitored loss; true when the run should stop. */
    private boolean monitorEpoch(EarlyStopping early, EpochReport report) {
        lock.lock();
        try {
            String monitor = early.rule().monitor();
            double loss = monitor.equals(report.evalSplit()) ? report.evalLoss()
                    : monitor.equals("train") ? report.trainLoss() : evaluateLocked(monitor).loss();
            return early.afterEpoch(report, loss, model.weights);
        } finally {
            lock.unlock();
        }
    }

    /** Puts the best epoch's weights back at the end of a run with early stopping, and says so. */
    private String restoreBest(EarlyStopping early, boolean stopped, TrainingListener listener) {
        String note;
        lock.lock();
        try {
            note = early.restoreBest(model.weights, progress.epoch(), stopped);
            if (note != null) {
                history.add(progress.step(), progress.epoch(), stopped ? "stop" : "note", note);
            }
        } finally {
            lock.unlock();
        }
        if (note != null) {
            EpochLoop.notify(listener, note);
        }
        return note;
    }

    /** Starts the run's record (lock held): its configuration, seeds and, from now on, its history events. */
    private RunRecorder startRecord(TrainingRunPlan.Prepared prepared, TrainingListener caller) {
        TrainingRun run = prepared.run();
        choices.resolveCompute();
        Map<String, String> configuration = RunConfiguration.of(dataOrigin, splitRequest, data, model, choices, progress, run);
        if (prepared.stopping().active()) {
            configuration.put("train.patience", Integer.toString(prepared.stopping().patience()));
            configuration.put("train.monitor", prepared.stopping().monitor());
        }
        RunRecorder recorder = RunRecorder.start(runFolder, run.group(), configuration,
                RunConfiguration.seeds(data, model, run.seed()), caller, progress::step, progress::epoch);
        history.follow(recorder::event);
        return recorder;
    }

    /** Ends the run's record with how the run ended. */
    private void endRecord(RunRecorder recorder, TrainingRun run, int epochsDone, String failure, String earlyStop) {
        history.follow(null);
        String outcome;
        if (failure != null) {
            outcome = failure;
        } else if (earlyStop != null) {
            outcome = "stopped early after " + epochsDone + " of " + run.epochs() + " epochs: " + earlyStop;
        } else if (epochsDone == run.epochs()) {
            outcome = "completed";
        } else if (stopRequested) {
            outcome = "stopped on request after " + epochsDone + " of " + run.epochs() + " epochs";
        } else {
            outcome = "ended after " + epochsDone + " of " + run.epochs() + " epochs"
                    + (recorder.lastNote() == null ? "" : ": " + recorder.lastNote());
        }
        recorder.end(outcome, progress.epoch(), progress.step());
    }

    /** Adds an epoch to the network's record (what a checkpoint carries). */
    private void recordEpoch(EpochReport report) {
        lock.lock();
        try {
            model.reports.add(report);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The checkpoint hook at an epoch boundary: the state is copied under the lock, the file is
     * written outside it. The best is judged on the validation split when there is one, else on
     * the run's evaluated split. A failed write is reported and training goes on.
     */
    private void writeCheckpoint(CheckpointPlan checkpoints, EpochReport report, TrainingListener listener) {
        org.ebp.engine.persist.CheckpointCodec.Checkpoint c;
        double monitored;
        String monitoredSplit;
        lock.lock();
        try {
            loop.publishWeights(); // the float32 path's weights, at this epoch boundary
            c = KeptModels.checkpoint(data, model, choices, progress, loop.states(), shuffleSeed, lastRun.batch(), lastRun.evalSplit(), runId);
            if (data.splits().containsKey("validation")) {
                monitoredSplit = "validation";
                monitored = "validation".equals(report.evalSplit()) ? report.evalLoss() : evaluateLocked("validation").loss();
            } else {
                monitoredSplit = report.evalSplit();
                monitored = report.evalSplit() == null ? Double.NaN : report.evalLoss();
            }
        } finally {
            lock.unlock();
        }
        try {
            EpochLoop.notify(listener, checkpoints.write(c, report.epoch(), monitored, monitoredSplit));
        } catch (java.io.IOException | RuntimeException e) {
            EpochLoop.notify(listener, "checkpoint of epoch " + report.epoch() + " not written: " + e.getMessage()
                    + "; training goes on");
        }
    }

    private void finishRun() {
        lock.lock();
        try {
            training = false;
            stopRequested = false;
            publishStatus();
        } finally {
            lock.unlock();
        }
    }

    /** The training set, its labels or the network's components changed: rebuild the objectives. */
    private void forgetTrainingSet() {
        loop.forgetObjective();
        loop.states().forgetSampler();
        model.evaluationObjectives.clear();
    }

    /** Asks a running training to stop at the next step boundary; the epoch so far is reported. */
    @Override
    public boolean stop() {
        lock.lock();
        try {
            if (!training) {
                return false;
            }
            stopRequested = true;
            history.add(progress.step(), progress.epoch(), "stop", "stop requested at step " + progress.step());
            resumed.signalAll(); // a paused run stops too
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean pause() {
        lock.lock();
        try {
            if (!training) {
                return false;
            }
            gate.setUserPaused(true);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String resume() {
        lock.lock();
        try {
            if (!training) {
                return "no training is running; start one with train";
            }
            gate.setUserPaused(false);
            gate.requestCheck();
            resumed.signalAll();
            String missing = gate.missing();
            return missing == null ? "resuming after step " + progress.step()
                    : "still paused: " + missing;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<org.ebp.api.session.SessionEvent> history() {
        return history.events();
    }

    /** How long a paused run sleeps between looks at the registry flag (a resume wakes it at once). */
    private static final long PAUSE_POLL_NANOS = 50_000_000L;

    /**
     * A step boundary, lock held. Applies registry changes (an updated bundle's service takes over
     * with the state; a missing component pauses the run), then waits while paused, releasing the
     * lock so that status, use and resume run meanwhile. Costs two volatile reads when nothing
     * changed. Returns false when a stop was requested.
     */
    private boolean passBoundary(TrainingListener listener) {
        while (true) {
            if (stopRequested || closed) {
                return false;
            }
            if (gate.takeCatalogChange()) {
                recheckComponents(listener);
            }
            String reason = gate.pauseReason();
            if (reason == null) {
                if (gate.endPause()) {
                    history.add(progress.step(), progress.epoch(), "resume", "resumed after step " + progress.step() + " with the same weights");
                    EpochLoop.notify(listener, "resumed after step " + progress.step() + " (epoch " + (progress.epoch() + 1) + ")");
                }
                return true;
            }
            if (gate.announce(reason)) {
                history.add(progress.step(), progress.epoch(), "pause", "paused at step " + progress.step() + ": " + reason);
                EpochLoop.notify(listener, "paused at step " + progress.step() + ": " + reason);
            }
            try {
                resumed.awaitNanos(PAUSE_POLL_NANOS);
            } catch (InterruptedException e) {
                // only close() interrupts this thread (executor shutdown): treat it as a stop
                stopRequested = true;
            }
        }
    }

    /** Re-resolves every component in use by name; a missing one pauses the run until it is back. */
    private void recheckComponents(TrainingListener listener) {
        Optimizer before = choices.optimizer == null ? null : choices.optimizer.service();
        if (gate.optimizerBeforePause() instanceof Optimizer atPause) {
            // a pause may span several checks (a bundle's components return one by one): compare
            // with the optimizer the run had when it paused
            before = atPause;
        }
        try {
            List<String> notes = refreshComponents();
            gate.setMissing(null);
            gate.setOptimizerBeforePause(null);
            for (String note : notes) {
                history.add(progress.step(), progress.epoch(), "update", note);
                EpochLoop.notify(listener, note);
            }
            if (before != null && choices.optimizer.service() != before && notes.isEmpty()) {
                String text = "optimizer '" + choices.optimizer.name() + "' now comes from "
                        + catalog.entry(ComponentKind.OPTIMIZER, choices.optimizer.name()).bundle() + "; its state was carried over";
                history.add(progress.step(), progress.epoch(), "update", text);
                EpochLoop.notify(listener, text);
            }
        } catch (IllegalArgumentException e) {
            // UnknownComponentException, or a service wired to another API version
            if (gate.optimizerBeforePause() == null) {
                gate.setOptimizerBeforePause(before);
            }
            gate.setMissing("a component in use is gone: " + e.getMessage() + "; training resumes when it is back, "
                    + "or choose another with use");
        }
    }

    // ================================================================ evaluation and status

    @Override
    public Evaluation evaluate(String split) {
        lock.lock();
        try {
            requireData();
            if (model.network == null) {
                throw new IllegalStateException("no network; create one first, e.g. net in-30-out");
            }
            choices.resolveCompute();
            return evaluateLocked(split == null || split.isBlank() ? SessionData.ALL : split.trim());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public org.ebp.api.session.EvaluationDetail evaluateDetail(String split) {
        lock.lock();
        try {
            Evaluation e = evaluate(split);
            org.ebp.api.data.Dataset d = data.part(e.split());
            double[] outputs = NetworkOutputs.of(model.network, model.weights, choices.compute, d);
            return NetworkOutputs.detail(e, d, outputs, model.network.outputWidth());
        } finally {
            lock.unlock();
        }
    }

    private Evaluation evaluateLocked(String split) {
        loop.publishWeights();
        return model.evaluate(data, split, choices.compute);
    }

    @Override
    public org.ebp.api.session.StepProgress stepProgress() {
        return loop.stepProgress();
    }

    @Override
    public SessionStatus status() {
        if (lock.tryLock()) {
            try {
                return publishStatus();
            } finally {
                lock.unlock();
            }
        }
        // the lock is busy (a training step, an end-of-epoch evaluation): a command that only reads
        // must not wait, so answer from the last full status with the live progress counters
        SessionStatus last = lastStatus;
        return new SessionStatus(last.state(), last.dataset(), last.splits(), last.transforms(), last.network(),
                last.parameters(), last.components(), progress.epoch(), progress.step(), progress.lastReport(), last.seeds());
    }

    /** Builds the status and keeps it for {@link #status()} calls that find the lock busy. Lock held. */
    private SessionStatus publishStatus() {
        String reason = training ? gate.pauseReason() : null;
        String state = !training ? "idle" : reason == null ? "training" : "paused (" + reason + ")";
        SessionStatus now = StatusReport.of(state, data, model, choices, progress, shuffleSeed);
        lastStatus = now;
        return now;
    }

    /** A copy of the current weights, or null without a network. */
    public double[] weights() {
        lock.lock();
        try {
            loop.publishWeights();
            return model.weights == null ? null : model.weights.clone();
        } finally {
            lock.unlock();
        }
    }

    /** The current network's parameter layout, or null. */
    public ParameterLayout layout() {
        lock.lock();
        try {
            return model.network == null ? null : model.network.layout();
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the optimizer state, or null when none exists yet. */
    public State optimizerState() {
        lock.lock();
        try {
            State state = loop.states().optimizer();
            return state == null ? null : state.copy();
        } finally {
            lock.unlock();
        }
    }

    /** The fitted transforms in order of application. */
    public List<FittedTransform> fittedTransforms() {
        lock.lock();
        try {
            List<FittedTransform> out = new ArrayList<>();
            if (data != null) {
                data.transforms().forEach(t -> out.add(t.fitted()));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The network, its weights, the optimizer with its state and the training progress as
     * data, for a model file.
     *
     * @throws IllegalStateException without a network
     */
    public ModelSnapshot snapshot() {
        lock.lock();
        try {
            if (model.network == null) {
                throw new IllegalStateException("no network to save; create one first, e.g. net in-30-out");
            }
            loop.publishWeights();
            return SavedModels.snapshot(model.setup, model.network, model.weights, choices.optimizer, loop.states().optimizer(),
                    progress.epoch(), progress.step());
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            refuseWhileTrainingLocked("restore a model");
            SavedModels.Restored restored = new SavedModels(catalog, activations).restore(saved, data);
            return adoptRestored(restored, saved);
        } finally {
            lock.unlock();
        }
    }

    // ================================================================ Hessian tools (issue 5)

    @Override
    public org.ebp.api.session.HessianTools.Spectrum largestEigenvalue(Map<String, String> settings) {
        Settings s = SessionHessian.validate("hessian eig", SessionHessian.EIG, settings);
        lock.lock();
        try {
            return hessianTools(s).largestEigenvalue(s);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public org.ebp.api.session.HessianTools.Spectrum spectrum(Map<String, String> settings) {
        Settings s = SessionHessian.validate("hessian spectrum", SessionHessian.SPECTRUM, settings);
        lock.lock();
        try {
            org.ebp.api.session.HessianTools.Spectrum spectrum = hessianTools(s).spectrum(s);
            latestSpectrum = spectrum;
            return spectrum;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public org.ebp.api.session.HessianTools.Spectrum latestSpectrum() {
        return latestSpectrum;
    }

    @Override
    public List<EpochReport> epochs() {
        return epochLog.reports();
    }

    @Override
    public List<org.ebp.api.session.InputSpectrumStage> inputSpectra() {
        lock.lock();
        try {
            return InputSpectra.of(requireData(), computeOrNull());
        } finally {
            lock.unlock();
        }
    }

    /** The Hessian tools on the current network and weights; refused during training (they hold the lock long). */
    private SessionHessian hessianTools(Settings s) {
        refuseWhileTrainingLocked("analyse the Hessian");
        requireData();
        if (model.network == null) {
            throw new IllegalStateException("no network; create one first, e.g. net in-30-out");
        }
        ComputeService c = choices.resolveCompute();
        return new SessionHessian(data, d -> new BatchObjective(model.network, model.outputLoss, model.setup.loss(), c,
                new ExampleGatherer(d, model.coding, model.setup.levels(), model.network.outputWidth())), c, model.weights.clone(),
                s.getString("split"));
    }

    // ================================================================ model files, checkpoints, weights (issue 10)

    @Override
    public String saveModel(java.nio.file.Path file) throws java.io.IOException {
        ModelCodec.ModelFile content;
        lock.lock();
        try {
            requireNetwork("save");
            content = KeptModels.modelFile(data, model, choices, progress, loop.states());
        } finally {
            lock.unlock();
        }
        ModelCodec.write(file, content);
        markKept(content.model().step(), file.toString());
        return "saved model " + content.model().widthsText() + " (epoch " + content.model().epoch() + ", step "
                + content.model().step() + ", " + content.transforms().size() + " transform"
                + (content.transforms().size() == 1 ? "" : "s") + ") to " + file;
    }

    @Override
    public List<String> loadModel(java.nio.file.Path file) throws DataFormatException {
        ModelCodec.ModelFile content = ModelCodec.readFile(file);
        lock.lock();
        try {
            refuseWhileTrainingLocked("load a model");
            KeptModels.LoadedModel loaded = new KeptModels(catalog, activations).load(content, data, computeForLoading(), file);
            List<String> lines = new ArrayList<>();
            String kept = keepOrRefuse("model load");
            if (kept != null) {
                lines.add(kept);
            }
            lines.addAll(loaded.lines());
            lines.add(adoptModel(loaded) + " from " + file);
            keptNetwork = model.network;
            keptStep = progress.step();
            keptWhere = file.toString();
            return lines;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String saveCheckpoint(java.nio.file.Path file) throws java.io.IOException {
        org.ebp.engine.persist.CheckpointCodec.Checkpoint c;
        lock.lock();
        try {
            refuseWhileTrainingLocked("save a checkpoint (train ... checkpoint=DIR writes them during training)");
            requireNetwork("checkpoint");
            c = checkpointLocked();
        } finally {
            lock.unlock();
        }
        org.ebp.engine.persist.CheckpointCodec.write(file, c);
        markKept(c.model().model().step(), file.toString());
        return "saved checkpoint at epoch " + c.model().model().epoch() + ", step " + c.model().model().step() + " to " + file;
    }

    @Override
    public List<String> loadCheckpoint(java.nio.file.Path file) throws DataFormatException {
        return loadCheckpoint(file, "checkpoint load");
    }

    /** Restores a checkpoint for {@code action} (checkpoint load, model undo). */
    private List<String> loadCheckpoint(java.nio.file.Path file, String action) throws DataFormatException {
        org.ebp.engine.persist.CheckpointCodec.Checkpoint saved = org.ebp.engine.persist.CheckpointCodec.read(file);
        lock.lock();
        try {
            refuseWhileTrainingLocked("load a checkpoint");
            KeptModels.LoadedCheckpoint loaded = new KeptModels(catalog, activations).load(saved, data, computeForLoading(), file);
            List<String> lines = new ArrayList<>();
            String kept = keepOrRefuse(action);
            if (kept != null) {
                lines.add(kept);
            }
            lines.addAll(loaded.model().lines());
            String summary = adoptModel(loaded.model());
            choices.schedule = loaded.schedule();
            loop.states().setSchedule(loaded.scheduleState());
            choices.sampler = loaded.sampler();
            loop.states().setSampler(loaded.samplerState());
            model.reports.addAll(saved.epochs());
            saved.epochs().forEach(epochLog::add);
            shuffleSeed = saved.seed();
            runId = saved.runId();
            lastRun = new TrainingRun(1, saved.batch(), saved.evalSplit(), saved.seed(), null, TrainingRun.DEFAULT_DIVERGE);
            keptNetwork = model.network;
            keptStep = progress.step();
            keptWhere = file.toString();
            lines.add("checkpoint " + summary + "; schedule " + choices.schedule.describe() + ", sampler "
                    + choices.sampler.describe() + " with their states");
            lines.add(KeptModels.continuation(saved));
            history.add(progress.step(), progress.epoch(), "use", "checkpoint loaded from " + file);
            return lines;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String exportWeights(java.nio.file.Path file) throws java.io.IOException {
        ParameterLayout layout;
        double[] w;
        lock.lock();
        try {
            requireNetwork("export");
            layout = model.network.layout();
            loop.publishWeights();
            w = model.weights.clone();
        } finally {
            lock.unlock();
        }
        org.ebp.engine.persist.WeightsCodec.write(file, layout, w);
        return "exported " + w.length + " weights of " + model.setup.describe() + " to " + file + " as "
                + (org.ebp.engine.persist.WeightsCodec.isArchive(file) ? "arrays " + arrayNames(layout)
                : "one flat float64 vector in the order " + arrayNames(layout));
    }

    @Override
    public String importWeights(java.nio.file.Path file) throws DataFormatException {
        lock.lock();
        try {
            refuseWhileTrainingLocked("import weights");
            requireNetwork("import into");
            double[] w = org.ebp.engine.persist.WeightsCodec.read(file, model.network.layout());
            String kept = keepOrRefuse("weights import");
            System.arraycopy(w, 0, model.weights, 0, w.length);
            resetProgress();
            return (kept == null ? "" : kept + "\n") + "imported " + w.length + " weights into " + model.setup.describe()
                    + " from " + file + "; training starts afresh from them (optimizer, schedule and sampler states, epoch "
                    + "and step reset)";
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String keepBeforeDiscard(String action) throws java.io.IOException {
        lock.lock();
        try {
            return keepOrRefuse(action);
        } finally {
            lock.unlock();
        }
    }

    @Override
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
        lock.lock();
        try {
            autosave = new Autosave(folder);
        } finally {
            lock.unlock();
        }
    }

    /** Sets the id of the run record the next checkpoints name. */
    public void runId(String id) {
        lock.lock();
        try {
            runId = id;
        } finally {
            lock.unlock();
        }
    }

    /** The compute service a loaded transform chain is applied with; resolving it changes no choice. */
    private ComputeService computeForLoading() {
        return catalog.get(ComponentKind.COMPUTE, choices.computeName, ComputeService.class);
    }

    private org.ebp.engine.persist.CheckpointCodec.Checkpoint checkpointLocked() {
        return KeptModels.checkpoint(data, model, choices, progress, loop.states(), shuffleSeed, lastRun == null ? 1 : lastRun.batch(),
                lastRun == null ? null : lastRun.evalSplit(), runId);
    }

    /** Makes a loaded model the session's network on the loaded model's data; lock held. */
    private String adoptModel(KeptModels.LoadedModel loaded) {
        data = loaded.data();
        forgetTrainingSet();
        return adoptRestored(loaded.restored(), loaded.snapshot());
    }

    private String adoptRestored(SavedModels.Restored restored, ModelSnapshot saved) {
        model.setup = restored.setup();
        model.network = restored.network();
        model.outputLoss = restored.outputLoss();
        model.coding = restored.coding();
        model.weights = saved.weights();
        // a model file keeps no precision: the default, where the float passes exist
        model.precision = FloatPasses.supports(model.network) ? Precision.DEFAULT : Precision.FLOAT64;
        resetProgress();
        if (restored.optimizer() != null) {
            choices.optimizer = restored.optimizer();
            loop.states().setOptimizer(restored.optimizerState());
        }
        progress.restart(saved.epoch(), saved.step());
        networkRequest = null; // no net call made this network: an experiment cannot replay it
        return "model " + model.setup.describe() + " restored at epoch " + progress.epoch() + ", step " + progress.step()
                + restored.notes();
    }

    /**
     * Before a command replaces a trained network: writes it to the autosave folder unless it is
     * already kept in a file at this step. Lock held.
     *
     * @return the line saying where it is, or null when there was nothing to keep
     * @throws IllegalStateException when it cannot be kept; the command then changes nothing
     */
    private String keepOrRefuse(String action) {
        if (model.network == null || progress.step() == 0) {
            return null;
        }
        if (keptNetwork == model.network && keptStep == progress.step()) {
            return "note: " + action + " replaces the network " + model.setup.describe() + " (epoch " + progress.epoch() + ", step "
                    + progress.step() + "); it is kept in " + keptWhere;
        }
        java.nio.file.Path file = null;
        try {
            file = autosave.next(action);
            org.ebp.engine.persist.CheckpointCodec.write(file, checkpointLocked());
            autosave.prune();
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException(action + " would discard the trained network " + model.setup.describe() + " (epoch "
                    + progress.epoch() + ", step " + progress.step() + ") and it cannot be kept in " + autosave.folder() + ": "
                    + e.getMessage() + "; save it first with model save FILE or checkpoint save FILE");
        }
        keptNetwork = model.network;
        keptStep = progress.step();
        keptWhere = file.toString();
        return "kept the trained network " + model.setup.describe() + " (epoch " + progress.epoch() + ", step " + progress.step()
                + ") in " + file + " before " + action + "; model undo brings it back";
    }

    private void markKept(long step, String where) {
        lock.lock();
        try {
            if (progress.step() == step) {
                keptNetwork = model.network;
                keptStep = step;
                keptWhere = where;
            }
        } finally {
            lock.unlock();
        }
    }

    private void requireNetwork(String what) {
        if (model.network == null) {
            throw new IllegalStateException("no network to " + what + "; create one first, e.g. net in-30-out, or model load FILE");
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

    // ================================================================ experiments (issue 10)

    /**
     * Writes the experiment that makes the current network again (format ebp-experiment):
     * data, split, transforms, net, components and the last train call's settings, with the
     * epochs trained so far or {@code epochs=N}.
     */
    @Override
    public String saveExperiment(java.nio.file.Path file, Map<String, String> settings) throws java.io.IOException {
        Settings s = Settings.parse("experiment save", EXPERIMENT_SAVE_SETTINGS, orEmpty(settings));
        org.ebp.engine.persist.Experiment e;
        lock.lock();
        try {
            int epochs = s.getInt("epochs") > 0 ? s.getInt("epochs") : lastTrainEpochs;
            e = ExperimentRecipe.of(dataOrigin, splitRequest, data, networkRequest, choices, progress, lastTrainSettings,
                    epochs);
        } finally {
            lock.unlock();
        }
        org.ebp.engine.persist.ExperimentCodec.write(file, e);
        return "saved experiment (" + e.data().name() + ", net " + e.netSpec() + ", " + e.components().get("optimizer").name()
                + ", " + e.epochs() + " epoch" + (e.epochs() == 1 ? "" : "s") + ") to " + file;
    }

    /** The settings of {@code experiment save}, declared once. */
    static final List<org.ebp.api.component.ParameterSpec> EXPERIMENT_SAVE_SETTINGS = List.of(
            org.ebp.api.component.ParameterSpec.integer("epochs", 0, 0, Integer.MAX_VALUE,
                    "epochs the experiment trains (0: as many as this session has trained)"));

    /**
     * Reads an experiment file and replays it in this session: the data, split, transforms,
     * network and components it names, then trains; the steps and the progress go to the listener.
     */
    @Override
    public List<EpochReport> runExperiment(java.nio.file.Path file, TrainingListener listener) throws DataFormatException {
        org.ebp.engine.persist.Experiment e = org.ebp.engine.persist.ExperimentCodec.read(file);
        refuseWhileTraining("run an experiment");
        return ExperimentRecipe.replay(this, catalog, e, listener);
    }

    /** Stops training at the next step boundary and ends the session's thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
        stopRequested = true;
        if (catalog instanceof org.ebp.engine.registry.ObservableCatalog observable) {
            observable.removeListener(gate);
        }
        executor.shutdown();
    }

    /** The session as the training loop sees it; called with the lock held. */
    private final class LoopHost implements TrainingHost {

        @Override
        public boolean passBoundary(TrainingListener listener) {
            return Session.this.passBoundary(listener);
        }

        @Override
        public Evaluation evaluate(String split) {
            return evaluateLocked(split);
        }

        @Override
        public Dataset trainingSet() {
            return data.trainingSet();
        }

        @Override
        public Network network() {
            return model.network;
        }

        @Override
        public double[] weights() {
            return model.weights;
        }

        @Override
        public BatchObjective newObjective(Dataset trainingData) {
            return new BatchObjective(model.network, model.outputLoss, model.setup.loss(), choices.compute,
                    new ExampleGatherer(trainingData, model.coding, model.setup.levels(), model.network.outputWidth()));
        }

        @Override
        public Choice<Optimizer> optimizer() {
            return choices.currentOptimizer();
        }

        @Override
        public Choice<Schedule> schedule() {
            return choices.currentSchedule();
        }

        @Override
        public Choice<Sampler> sampler() {
            return choices.currentSampler();
        }

        @Override
        public Precision precision() {
            return model.precision;
        }

        @Override
        public ComputeService compute() {
            return choices.compute;
        }
    }

    // ================================================================ helpers

    private void dropNetwork() {
        networkRequest = null;
        model.setup = null;
        model.network = null;
        model.outputLoss = null;
        model.coding = null;
        model.weights = null;
        resetProgress();
    }

    /** New weights or data: the optimizer, schedule and sampler start afresh, counters at 0. */
    private void resetProgress() {
        model.reports.clear();
        loop.weightsReplaced();
        loop.states().forgetOptimizerAndSchedule();
        progress.restart(0, 0);
        epochLog.clear();
        latestSpectrum = null;
        forgetTrainingSet();
    }

    private static Supplier<Splitter> constant(Splitter splitter) {
        return () -> splitter;
    }

    private Splitter requireSplitter() {
        Splitter s = splitters.get();
        if (s == null) {
            throw new IllegalStateException("no splitter is installed (it comes with the bundle org.ebp.data, which is "
                    + "gone or being updated); install or start that bundle again, then split; the data is kept");
        }
        return s;
    }

    private SessionData requireData() {
        if (data == null) {
            throw new IllegalStateException("no data loaded; load a dataset first, e.g. data load digits");
        }
        return data;
    }

    private void refuseWhileTraining(String what) {
        lock.lock();
        try {
            refuseWhileTrainingLocked(what);
        } finally {
            lock.unlock();
        }
    }

    private void refuseWhileTrainingLocked(String what) {
        if (training) {
            throw new IllegalStateException("training is running; wait until it finishes before you " + what);
        }
        if (closed) {
            throw new IllegalStateException("this session is closed; start a new one");
        }
    }

    static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name " + what);
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> settings) {
        return settings == null ? Map.of() : settings;
    }
}

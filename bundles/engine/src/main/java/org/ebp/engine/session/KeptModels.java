package org.ebp.engine.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.optim.Sampler;
import org.ebp.api.optim.Schedule;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.EpochReport;
import org.ebp.engine.persist.CheckpointCodec;
import org.ebp.engine.persist.ModelCodec;
import org.ebp.engine.persist.ModelSnapshot;
import org.ebp.engine.training.Choice;
import org.ebp.engine.training.ComponentStates;
import org.ebp.engine.training.TrainingProgress;

/**
 * Turns a session into a model file or a checkpoint, and a model file or a checkpoint back into
 * what the session takes: the data with the saved transform chain applied, the network with its
 * components, and (for a checkpoint) the schedule and sampler with their states. Computes into
 * new objects only; the session commits them under its lock, so a refused file changes nothing.
 */
final class KeptModels {

    /** A model made live on the session's data: the data with the model's transforms, and the network. */
    record LoadedModel(SessionData data, SavedModels.Restored restored, ModelSnapshot snapshot, List<String> lines) {
    }

    /** A checkpoint made live: the model plus the schedule and sampler with their states. */
    record LoadedCheckpoint(LoadedModel model, Choice<Schedule> schedule, State scheduleState, Choice<Sampler> sampler,
            State samplerState, CheckpointCodec.Checkpoint saved) {
    }

    private final ComponentCatalog catalog;
    private final ConfiguredActivations activations;

    KeptModels(ComponentCatalog catalog, ConfiguredActivations activations) {
        this.catalog = catalog;
        this.activations = activations;
    }

    /** The model file of the session's network: snapshot, transforms in order, and the data it is on. */
    static ModelCodec.ModelFile modelFile(SessionData data, SessionModel model, ComponentChoices choices,
            TrainingProgress progress, ComponentStates states) {
        ModelSnapshot snapshot = SavedModels.snapshot(model.setup, model.network, model.weights, choices.optimizer,
                states.optimizer(), progress.epoch(), progress.step());
        List<FittedTransform> transforms = new ArrayList<>();
        if (data != null) {
            data.transforms().forEach(t -> transforms.add(t.fitted()));
        }
        return new ModelCodec.ModelFile(snapshot, transforms, data == null ? "" : trainedOn(data));
    }

    /** What the data was: source summary, split sizes and seed. */
    static String trainedOn(SessionData data) {
        StringBuilder b = new StringBuilder(SessionData.summary(data.base()));
        if (data.isSplit()) {
            b.append("; splits");
            data.splits().forEach((k, v) -> b.append(' ').append(k).append('=').append(v.size()));
            b.append(" (seed ").append(data.splitSeed()).append(')');
        }
        return b.toString();
    }

    /** The session's whole training state as a checkpoint. */
    static CheckpointCodec.Checkpoint checkpoint(SessionData data, SessionModel model, ComponentChoices choices,
            TrainingProgress progress, ComponentStates states, long seed, int batch, String evalSplit, String runId) {
        Choice<Schedule> schedule = choices.currentSchedule();
        Choice<Sampler> sampler = choices.currentSampler();
        int trainingSize = data == null ? 0 : data.trainingSet().size();
        return new CheckpointCodec.Checkpoint(modelFile(data, model, choices, progress, states),
                new CheckpointCodec.Part(schedule.name(), schedule.settings().asText(), states.schedule()),
                new CheckpointCodec.Part(sampler.name(), sampler.settings().asText(), states.sampler()), seed, batch,
                evalSplit, trainingSize, runId, model.reports);
    }

    /**
     * Applies a model's transform chain to the session's data as loaded and split (the current
     * transforms are replaced: the network expects the inputs it was trained on), then resolves
     * the network on that data.
     *
     * @param data the session's data, or null (then a model with transforms is refused)
     */
    LoadedModel load(ModelCodec.ModelFile file, SessionData data, ComputeService compute, Path source) {
        List<String> lines = new ArrayList<>();
        SessionData next = data;
        if (data != null) {
            SessionData raw = data.withoutTransforms();
            List<FittedTransform> chain = file.transforms();
            if (!chain.isEmpty() && chain.get(0).inputWidth() != raw.featureWidth()) {
                throw new IllegalArgumentException(source + ": the model's transforms take " + chain.get(0).inputWidth()
                        + " features but '" + raw.base().name() + "' has " + raw.featureWidth() + wasOn(file));
            }
            List<DataTransform> components = new ArrayList<>();
            for (FittedTransform fitted : chain) {
                components.add(catalog.get(ComponentKind.TRANSFORM, fitted.transform(), DataTransform.class));
            }
            if (!data.transforms().isEmpty()) {
                lines.add("replaced the session's " + data.transforms().size() + " transform"
                        + (data.transforms().size() == 1 ? "" : "s") + " by the model's " + chain.size());
            }
            TransformSteps.Step applied = TransformSteps.applyAll(raw, components, chain, compute, source);
            next = applied.data();
            lines.addAll(applied.lines());
        } else if (!file.transforms().isEmpty()) {
            throw new IllegalStateException("no data loaded; the model's inputs go through " + file.transforms().size()
                    + " transform(s), so load the data first" + wasOn(file));
        }
        SavedModels.Restored restored;
        try {
            restored = new SavedModels(catalog, activations).restore(file.model(), next);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage() + wasOn(file), e);
        }
        return new LoadedModel(next, restored, file.model(), lines);
    }

    /** Resolves a checkpoint's model, schedule and sampler, and checks its training set against the session's. */
    LoadedCheckpoint load(CheckpointCodec.Checkpoint c, SessionData data, ComputeService compute, Path source) {
        if (data == null) {
            throw new IllegalStateException("no data loaded; load and split the data the checkpoint was trained on first"
                    + wasOn(c.model()));
        }
        LoadedModel model = load(c.model(), data, compute, source);
        int size = model.data().trainingSet().size();
        if (c.trainingSize() != 0 && size != c.trainingSize()) {
            throw new IllegalArgumentException(source + ": the checkpoint trained on " + c.trainingSize()
                    + " examples but the session's training set has " + size + "; split the data as it was" + wasOn(c.model()));
        }
        Schedule schedule = catalog.get(ComponentKind.SCHEDULE, c.schedule().name(), Schedule.class);
        Settings scheduleSettings = schedule.settings(c.schedule().settings());
        Sampler sampler = catalog.get(ComponentKind.SAMPLER, c.sampler().name(), Sampler.class);
        Settings samplerSettings = sampler.settings(c.sampler().settings());
        return new LoadedCheckpoint(model, new Choice<>(schedule.name(), scheduleSettings, schedule), c.schedule().state(),
                new Choice<>(sampler.name(), samplerSettings, sampler), c.sampler().state(), c);
    }

    /** How to continue a checkpoint's run exactly. */
    static String continuation(CheckpointCodec.Checkpoint c) {
        return "continue with: train N batch=" + c.batch() + " seed=" + c.seed() + " eval=" + (c.evalSplit() == null ? "none"
                : c.evalSplit());
    }

    static List<EpochReport> epochs(CheckpointCodec.Checkpoint c) {
        return new ArrayList<>(c.epochs());
    }

    private static String wasOn(ModelCodec.ModelFile file) {
        return file.trainedOn().isEmpty() ? "" : " (it was trained on " + file.trainedOn() + ")";
    }
}

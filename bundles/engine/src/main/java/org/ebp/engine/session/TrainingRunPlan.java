package org.ebp.engine.session;

import java.util.List;
import java.util.Map;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.Dataset;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.engine.training.Choice;
import org.ebp.engine.training.TrainingRun;

/** The settings of {@code train} and their checks against the data, the network and the optimizer. */
final class TrainingRunPlan {

    private static final List<ParameterSpec> TRAIN_SETTINGS = List.of(
            ParameterSpec.integer("batch", 1, 1, Integer.MAX_VALUE,
                    "examples per step (default 1: online learning; the training set size for full-batch optimizers)"),
            ParameterSpec.text("eval", Session.AUTO, "split evaluated after each epoch: a split name, all, none, or auto "
                    + "(test if present, else validation, else none)"),
            ParameterSpec.longInt("seed", 1, "seed of the example-order stream"),
            ParameterSpec.text("group", "", "a name shared by related runs (a sweep, an ablation) in their run records"),
            ParameterSpec.real("diverge", TrainingRun.DEFAULT_DIVERGE, 0, 1e12, "stop and restore the epoch's start when the mean loss over "
                    + "1000 examples (or an epoch) exceeds this factor times the run's best; 0: off (NaN and Inf still stop)"),
            ParameterSpec.integer("patience", 0, 0, Integer.MAX_VALUE, "early stopping: stop when the monitored loss has not "
                    + "improved for this many epochs and restore the best epoch's weights (0: off)"),
            ParameterSpec.text("monitor", "validation", "the split whose loss early stopping watches: a split name or train"));

    /**
     * Everything {@code train} takes: the run's settings, then the checkpoint settings. The
     * session publishes this list (TrainingSession.trainSettings) and the shell renders it.
     */
    static final List<ParameterSpec> DECLARED = java.util.stream.Stream.concat(TRAIN_SETTINGS.stream(),
            CheckpointPlan.SETTINGS.stream()).toList();

    /** A validated run and its early-stopping rule. */
    record Prepared(TrainingRun run, EarlyStopping.Rule stopping) {
    }

    private TrainingRunPlan() {
    }

    /**
     * Validates everything a run needs, before anything starts.
     *
     * @param current           the session's data, or null when none is loaded
     * @param refreshComponents re-resolves the components in use by name; called once the settings are valid
     */
    static Prepared prepare(int epochs, Map<String, String> raw, SessionData current, SessionModel model,
            ComponentChoices choices, Runnable refreshComponents) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, not " + epochs);
        }
        if (current == null) {
            throw new IllegalStateException("no data loaded; load a dataset first, e.g. data load digits");
        }
        if (model.network == null) {
            throw new IllegalStateException("no network; create one first, e.g. net in-30-out");
        }
        Settings s = Settings.parse("train", TRAIN_SETTINGS, raw);
        Dataset trainingSet = current.trainingSet();
        if (model.network.inputWidth() != trainingSet.features() || model.network.outputWidth() != current.outputWidth()) {
            throw new IllegalStateException("the network " + model.network.spec() + " does not fit the data ("
                    + trainingSet.features() + " features, " + current.outputWidth()
                    + (current.base().hasLabels() ? " classes" : " targets") + "); create a new one, e.g. net in-30-out");
        }
        String eval = s.getString("eval").trim();
        String evalSplit;
        if (eval.equals(Session.AUTO)) {
            evalSplit = current.splits().containsKey("test") ? "test"
                    : current.splits().containsKey("validation") ? "validation" : null;
        } else if (eval.equals(Session.NONE)) {
            evalSplit = null;
        } else {
            current.part(eval); // throws naming the available splits
            evalSplit = eval;
        }
        refreshComponents.run();
        Choice<Optimizer> opt = choices.currentOptimizer();
        Requirements requirements = opt.service().requirements(model.network.layout(), opt.settings());
        OptimizerRequirements.check(opt, requirements, model.network, model.outputLoss, model.setup.loss());
        boolean batchGiven = raw.containsKey("batch");
        int batch = s.getInt("batch");
        if (requirements.fullBatch()) {
            if (batchGiven && batch < trainingSet.size()) {
                throw new IllegalArgumentException("optimizer '" + opt.name() + "' needs the whole training set in every "
                        + "step; train with batch=" + trainingSet.size() + " (the training set size) or leave batch out"
                        + OptimizerRequirements.alternative(requirements) + (requirements.alternative().isEmpty()
                        ? ", or use an optimizer such as sgd for mini-batches" : ""));
            }
            if (!batchGiven) {
                batch = trainingSet.size();
            }
        }
        OptimizerRequirements.checkBatch(opt, requirements, Math.min(batch, trainingSet.size()), "train uses batch=" + batch);
        long seed = s.getLong("seed");
        double diverge = s.getDouble("diverge");
        if (diverge > 0 && diverge <= 1) {
            throw new IllegalArgumentException("train diverge=" + s.getString("diverge") + " would stop at the first loss "
                    + "above the best; give a factor above 1 (default 10), or 0 to turn the check off");
        }
        String group = s.getString("group").trim();
        return new Prepared(new TrainingRun(epochs, batch, evalSplit, seed, group.isEmpty() ? null : group, diverge),
                stoppingRule(s, current));
    }

    /** The early-stopping rule; a monitored split must exist. */
    private static EarlyStopping.Rule stoppingRule(Settings s, SessionData current) {
        int patience = s.getInt("patience");
        String monitor = s.getString("monitor").trim();
        if (patience > 0 && !monitor.equals("train") && !current.splits().containsKey(monitor)) {
            throw new IllegalArgumentException("early stopping monitors the loss on '" + monitor + "' but the data has "
                    + (current.isSplit() ? "the splits " + current.splits().keySet() : "no splits")
                    + "; split off one, e.g. data split train=0.7 validation=0.15 test=0.15, or give monitor=train|SPLIT");
        }
        return new EarlyStopping.Rule(patience, monitor);
    }
}

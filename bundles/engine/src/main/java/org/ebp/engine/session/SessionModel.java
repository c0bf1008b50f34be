package org.ebp.engine.session;

import java.util.IdentityHashMap;
import java.util.Map;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.training.BatchObjective;
import org.ebp.engine.training.ExampleGatherer;
import org.ebp.engine.training.Precision;

/**
 * The network a session trains: how it was set up, its weights and the evaluation objectives
 * built on it. A plain holder without locking: the session reads and writes it only under its lock
 * (the training loop sees it through the session's training host).
 */
final class SessionModel {

    /** Examples per forward pass when evaluating a split. */
    static final int EVALUATION_CHUNK = 256;

    NetworkSetup setup;
    Network network;
    OutputLayerLoss outputLoss;
    TargetCoding coding;
    double[] weights;
    /** The number format training runs in ({@code net ... precision=}). */
    Precision precision = Precision.DEFAULT;

    /** Every finished epoch of this network's training, in order (a checkpoint's record). */
    final java.util.List<EpochReport> reports = new java.util.ArrayList<>();

    final Map<Dataset, BatchObjective> evaluationObjectives = new IdentityHashMap<>();

    /**
     * Loss and accuracy of the network on a split of {@code data}, reusing the split's objective.
     * The caller holds the session's lock and checked that a network exists.
     */
    Evaluation evaluate(SessionData data, String split, ComputeService compute) {
        Dataset d = data.part(split);
        if (d.features() != network.inputWidth()) {
            throw new IllegalStateException("the network " + network.spec() + " expects " + network.inputWidth()
                    + " inputs but split '" + split + "' has " + d.features() + " features; create a new network");
        }
        BatchObjective objective = evaluationObjectives.get(d);
        if (objective == null || objective.network() != network) {
            objective = new BatchObjective(network, outputLoss, setup.loss(), compute,
                    new ExampleGatherer(d, coding, setup.levels(), network.outputWidth()), EVALUATION_CHUNK);
            evaluationObjectives.put(d, objective);
        }
        objective.setCompute(compute);
        objective.recordExampleLosses(false);
        objective.setBatch(null, 0, d.size(), true);
        double loss = objective.value(weights);
        double accuracy = d.hasLabels() ? objective.lastCorrect() / (double) d.size() : Double.NaN;
        return new Evaluation(split, d.size(), loss, accuracy);
    }
}

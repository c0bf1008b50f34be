package org.ebp.engine.session;

import java.util.IdentityHashMap;
import java.util.Map;
import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.session.EpochReport;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;

/**
 * The network a session trains: how it was set up, its weights, its training progress and the
 * objectives built on it. A plain holder without locking: the session reads and writes it only
 * under its lock, and the training loop reads the fields directly at every step.
 */
final class SessionModel {

    NetworkSetup setup;
    Network network;
    OutputLayerLoss outputLoss;
    TargetCoding coding;
    double[] weights;
    /** The weights at the start of the running epoch, restored when the epoch fails. */
    double[] epochStartWeights;

    int epoch;
    long step;
    EpochReport lastReport;

    BatchObjective trainingObjective;
    int[] trainingLabels;
    final Map<Dataset, BatchObjective> evaluationObjectives = new IdentityHashMap<>();
}

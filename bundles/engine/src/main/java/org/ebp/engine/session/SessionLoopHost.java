package org.ebp.engine.session;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Sampler;
import org.ebp.api.optim.Schedule;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.network.Network;
import org.ebp.engine.training.BatchObjective;
import org.ebp.engine.training.Choice;
import org.ebp.engine.training.ExampleGatherer;
import org.ebp.engine.training.Precision;
import org.ebp.engine.training.TrainingHost;

/** The session as the training loop sees it; every method is called with the session's lock held. */
final class SessionLoopHost implements TrainingHost {

    private final SessionState state;

    SessionLoopHost(SessionState state) {
        this.state = state;
    }

    @Override
    public boolean passBoundary(TrainingListener listener) {
        return state.boundary.passBoundary(listener);
    }

    @Override
    public Evaluation evaluate(String split) {
        return state.evaluateLocked(split);
    }

    @Override
    public Dataset trainingSet() {
        return state.data.trainingSet();
    }

    @Override
    public Network network() {
        return state.model.network;
    }

    @Override
    public double[] weights() {
        return state.model.weights;
    }

    @Override
    public BatchObjective newObjective(Dataset trainingData) {
        return new BatchObjective(state.model.network, state.model.outputLoss, state.model.setup.loss(), state.choices.compute,
                new ExampleGatherer(trainingData, state.model.coding, state.model.setup.levels(), state.model.network.outputWidth()));
    }

    @Override
    public Choice<Optimizer> optimizer() {
        return state.choices.currentOptimizer();
    }

    @Override
    public Choice<Schedule> schedule() {
        return state.choices.currentSchedule();
    }

    @Override
    public Choice<Sampler> sampler() {
        return state.choices.currentSampler();
    }

    @Override
    public Precision precision() {
        return state.model.precision;
    }

    @Override
    public ComputeService compute() {
        return state.choices.compute;
    }

}

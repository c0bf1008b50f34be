package org.ebp.engine.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ebp.api.component.ComponentKind;

/**
 * What a session trains: the network made by {@code net} and the components chosen with
 * {@code use}. A component chosen while training runs takes effect at the next step boundary
 * (a sampler at the next epoch); a refused one leaves the run unchanged, and both are noted in
 * the session's history with their step.
 */
final class SessionSetup {

    private final SessionState state;
    private final SessionKeeping keeping;

    SessionSetup(SessionState state, SessionKeeping keeping) {
        this.state = state;
        this.keeping = keeping;
    }

    String createNetwork(String spec, Map<String, String> settings) {
        Map<String, String> raw = new LinkedHashMap<>(Session.orEmpty(settings));
        state.lock.lock();
        try {
            state.refuseWhileTrainingLocked("create a network");
            org.ebp.engine.persist.Experiment.Step request = new org.ebp.engine.persist.Experiment.Step(
                    spec == null ? "" : spec.trim(), raw);
            NetworkBuilder.Built built = new NetworkBuilder(state.catalog, state.activations, state.choices::resolveCompute).build(spec, raw, state.data);
            String kept = keeping.keepOrRefuse("net");
            state.networkRequest = request;
            state.model.setup = built.setup();
            state.model.network = built.network();
            state.model.outputLoss = built.outputLoss();
            state.model.coding = built.coding();
            state.model.weights = built.weights();
            state.model.precision = built.precision();
            state.resetProgress();
            return (kept == null ? "" : kept + "\n") + built.summary();
        } finally {
            state.lock.unlock();
        }
    }

    String use(ComponentKind kind, String name, Map<String, String> settings) {
        Objects.requireNonNull(kind, "kind");
        Map<String, String> raw = Session.orEmpty(settings);
        state.lock.lock();
        try {
            String result;
            try {
                result = switch (kind) {
                    case OPTIMIZER -> state.choices.useOptimizer(name, raw, state.model, state.training, state.runBatch, state.runTrainingSize,
                            this::trainingSizeOrUnknown);
                    case SCHEDULE -> state.choices.useSchedule(name, raw, state.training);
                    case SAMPLER -> state.choices.useSampler(name, raw, state.training);
                    case COMPUTE -> state.choices.useCompute(name, raw, state.training);
                    case ACTIVATION -> {
                        String swapped = ActivationSwap.use(state.catalog, state.model, name, raw);
                        state.loop.forgetObjective();
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
                if (state.training) {
                    state.history.add(state.progress.step(), state.progress.epoch(), "refused", "use " + kind + " " + name + " refused, training continues "
                            + "unchanged: " + e.getMessage());
                }
                throw e;
            }
            if (state.training) {
                state.history.add(state.progress.step(), state.progress.epoch(), "swap", result + " (from step " + (state.progress.step() + 1)
                        + (kind == ComponentKind.SAMPLER ? ", at the next epoch" : "") + ")");
                // a component chosen while paused for a missing one may end the pause
                state.gate.requestCheck();
                state.resumed.signalAll();
            } else {
                state.history.add(state.progress.step(), state.progress.epoch(), "use", result);
            }
            state.publishStatus();
            return result;
        } finally {
            state.lock.unlock();
        }
    }

    private String trainingSizeOrUnknown() {
        try {
            return state.data == null ? "<training set size>" : Integer.toString(state.data.trainingSet().size());
        } catch (IllegalStateException e) {
            return "<training set size>";
        }
    }}

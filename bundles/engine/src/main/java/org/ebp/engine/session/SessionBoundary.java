package org.ebp.engine.session;

import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.session.TrainingListener;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.training.Listeners;

/**
 * The step boundary of a running training: registry changes are applied there (an updated
 * bundle's service takes over with the component's state; a component that left pauses the run
 * until it is back), and a paused run waits there. Called with the session's lock held.
 */
final class SessionBoundary {

    private final SessionState state;

    SessionBoundary(SessionState state) {
        this.state = state;
    }

    /** How long a paused run sleeps between looks at the registry flag (a resume wakes it at once). */
    private static final long PAUSE_POLL_NANOS = 50_000_000L;

    /**
     * A step boundary, lock held. Applies registry changes (an updated bundle's service takes over
     * with the state; a missing component pauses the run), then waits while paused, releasing the
     * lock so that status, use and resume run meanwhile. Costs two volatile reads when nothing
     * changed. Returns false when a stop was requested.
     */
    boolean passBoundary(TrainingListener listener) {
        while (true) {
            if (state.stopRequested || state.closed) {
                return false;
            }
            if (state.gate.takeCatalogChange() && !recheckComponents(listener)) {
                return false;
            }
            String reason = state.gate.pauseReason();
            if (reason == null) {
                if (state.gate.endPause()) {
                    state.history.add(state.progress.step(), state.progress.epoch(), "resume", "resumed after step " + state.progress.step() + " with the same weights");
                    Listeners.notify(listener, "resumed after step " + state.progress.step() + " (epoch " + (state.progress.epoch() + 1) + ")");
                }
                return true;
            }
            if (state.gate.announce(reason)) {
                state.history.add(state.progress.step(), state.progress.epoch(), "pause", "paused at step " + state.progress.step() + ": " + reason);
                Listeners.notify(listener, "paused at step " + state.progress.step() + ": " + reason);
            }
            try {
                state.resumed.awaitNanos(PAUSE_POLL_NANOS);
            } catch (InterruptedException e) {
                // only close() interrupts this thread (executor shutdown): treat it as a stop
                state.stopRequested = true;
            }
        }
    }

    /**
     * Re-resolves every component in use by name; a missing one pauses the run until it is back.
     * Returns false, and ends the run, when an updated component refuses its settings: that does
     * not come back by itself, so the run does not wait for it.
     */
    private boolean recheckComponents(TrainingListener listener) {
        Optimizer before = state.choices.optimizer == null ? null : state.choices.optimizer.service();
        if (state.gate.optimizerBeforePause() instanceof Optimizer atPause) {
            // a pause may span several checks (a bundle's components return one by one): compare
            // with the optimizer the run had when it paused
            before = atPause;
        }
        try {
            List<String> notes = refreshComponents();
            state.gate.setMissing(null);
            state.gate.setOptimizerBeforePause(null);
            for (String note : notes) {
                state.history.add(state.progress.step(), state.progress.epoch(), "update", note);
                Listeners.notify(listener, note);
            }
            if (before != null && state.choices.optimizer.service() != before && notes.isEmpty()) {
                String text = "optimizer '" + state.choices.optimizer.name() + "' now comes from "
                        + state.catalog.entry(ComponentKind.OPTIMIZER, state.choices.optimizer.name()).bundle() + "; its state was carried over";
                state.history.add(state.progress.step(), state.progress.epoch(), "update", text);
                Listeners.notify(listener, text);
            }
        } catch (SettingsChangedException e) {
            state.stopRequested = true;
            state.stopReason = e.getMessage();
            String text = "training stops at step " + state.progress.step() + " with the weights and state it has: " + e.getMessage()
                    + ", then train again";
            state.history.add(state.progress.step(), state.progress.epoch(), "stop", text);
            Listeners.notify(listener, text);
            return false;
        } catch (IllegalArgumentException e) {
            // UnknownComponentException, or a service wired to another API version
            if (state.gate.optimizerBeforePause() == null) {
                state.gate.setOptimizerBeforePause(before);
            }
            state.gate.setMissing("a component in use is gone: " + e.getMessage() + "; training resumes when it is back, "
                    + "or choose another with use");
        }
        return true;
    }

    /**
     * Resolves every component in use by name again (an updated bundle registers a new service
     * object), re-validating settings with the new service and letting a new optimizer object
     * adopt the state. Returns notes for the listener.
     */
    List<String> refreshComponents() {
        List<String> notes = state.choices.refresh(state.model.network.layout());
        Activation hidden = state.activations.resolve(state.catalog, state.model.setup.hidden(), state.model.setup.hiddenSettings(), ConfiguredActivations.HIDDEN_PREFIX);
        Activation output = state.activations.resolve(state.catalog, state.model.setup.output(), state.model.setup.outputSettings(), ConfiguredActivations.OUTPUT_PREFIX);
        Loss loss = state.catalog.get(ComponentKind.LOSS, state.model.setup.loss(), Loss.class);
        if (hidden != state.model.network.hiddenActivation() || output != state.model.network.outputActivation() || loss != state.model.outputLoss.loss()) {
            state.model.network = state.model.network.withActivations(hidden, output);
            state.model.outputLoss = OutputLayerLoss.bind(output, loss, state.model.setup.loss());
            state.forgetTrainingSet();
        }
        if (state.model.setup.coding() != null) {
            TargetCoding c = state.catalog.get(ComponentKind.TARGET_CODING, state.model.setup.coding(), TargetCoding.class);
            if (c != state.model.coding) {
                state.model.coding = c;
                state.forgetTrainingSet();
            }
        }
        return notes;
    }

}

package org.ebp.engine.session;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.training.BatchObjective;
import org.ebp.engine.training.Choice;
import org.ebp.io.MemoryBudget;

/** Checks an optimizer's {@link Requirements} against a network and its loss, with messages that name the fix. */
final class OptimizerRequirements {

    /**
     * Copies of an optimizer's state the session holds at once: the live state, the copy taken at
     * each epoch start to restore from, and the next such copy while it replaces the last one.
     * (Checking one copy let bfgs on 784-30-10, a 4.2 GB matrix, pass and then run out of memory.)
     */
    static final int STATE_COPIES = 3;

    private OptimizerRequirements() {
    }

    /** Refuses an optimizer whose needs this network and loss cannot meet; full batch is checked at train. */
    static void check(Choice<Optimizer> choice, Requirements requirements, Network network, OutputLayerLoss outputLoss,
            String lossName) {
        if (requirements.squaredError() && !outputLoss.loss().squaredError()) {
            throw new IllegalArgumentException("optimizer '" + choice.name() + "' needs a squared-error loss (loss=mse) "
                    + "but the network uses loss '" + lossName + "'; create the network with loss=mse and an "
                    + "elementwise output" + alternative(requirements));
        }
        if (!requirements.acceptsLoss(lossName)) {
            throw new IllegalArgumentException("optimizer '" + choice.name() + "' works only with the loss"
                    + (requirements.losses().size() == 1 ? " " : "es ") + String.join(" or ", new java.util.TreeSet<>(requirements.losses()))
                    + " but the network uses loss '" + lossName + "'; create the network with loss="
                    + new java.util.TreeSet<>(requirements.losses()).first() + alternative(requirements));
        }
        Set<Capability> missing = new HashSet<>(requirements.capabilities());
        boolean squaredError = outputLoss.loss().squaredError();
        missing.removeAll(BatchObjective.capabilitiesOf(network, squaredError));
        if (missing.contains(Capability.JACOBIAN) && BatchObjective.capabilitiesOf(network).contains(Capability.JACOBIAN)) {
            // the network could give a Jacobian, its loss cannot: residuals exist for squared error only (eq 51)
            throw new IllegalArgumentException("optimizer '" + choice.name() + "' needs the Jacobian of the residuals, "
                    + "which exists only for a squared-error loss, but the network uses loss '" + lossName
                    + "'; create the network with loss=mse and an elementwise output" + alternative(requirements));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("optimizer '" + choice.name() + "' needs " + missing.stream()
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).sorted().toList()
                    + " from the objective, which the network " + network.spec() + " does not provide (Jacobians and "
                    + "exact curvature products exist for dense layers only)"
                    + (requirements.alternative().isEmpty() ? "; use a first-order optimizer such as sgd"
                    : alternative(requirements)));
        }
        MemoryBudget.require(MemoryBudget.times(STATE_COPIES, requirements.memoryBytes()), "optimizer '" + choice.name() + "' on "
                + network.size() + " parameters (" + Formats.bytes(requirements.memoryBytes()) + " of state, kept "
                + STATE_COPIES + " times)", "a smaller network" + (requirements.alternative().isEmpty() ? ""
                : " or " + requirements.alternative()));
    }

    /**
     * Refuses a batch size outside the optimizer's limits.
     *
     * @param how how the batch came about, e.g. "train batch=4" or "this run trains with batch=4"
     */
    static void checkBatch(Choice<Optimizer> choice, Requirements requirements, int batch, String how) {
        if (requirements.acceptsBatch(batch)) {
            return;
        }
        String limits = requirements.maxBatch() == 0 ? "at least " + requirements.minBatch()
                : requirements.minBatch() <= 1 ? "at most " + requirements.maxBatch()
                : "from " + requirements.minBatch() + " to " + requirements.maxBatch();
        int fix = batch < requirements.minBatch() ? requirements.minBatch() : requirements.maxBatch();
        throw new IllegalArgumentException("optimizer '" + choice.name() + "' works with batches of " + limits
                + " examples but " + how + "; train with batch=" + fix + alternative(requirements));
    }

    static String alternative(Requirements requirements) {
        return requirements.alternative().isEmpty() ? "" : ", or use " + requirements.alternative();
    }
}

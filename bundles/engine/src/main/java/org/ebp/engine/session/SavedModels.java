package org.ebp.engine.session;

import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Loss;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.persist.ModelSnapshot;
import org.ebp.engine.training.Choice;
import org.ebp.io.Excerpt;

/**
 * Turns a session's network into a {@link ModelSnapshot} (for a model file) and a snapshot
 * back into a network with its components. Changes nothing in the session: the session takes
 * the {@link Restored} result under its lock, so a refused model leaves it as it was.
 */
final class SavedModels {

    /**
     * A saved model made live again; {@code optimizer} and {@code optimizerState} are null when
     * the model was saved without an optimizer state.
     */
    record Restored(NetworkSetup setup, Network network, OutputLayerLoss outputLoss, TargetCoding coding,
            Choice<Optimizer> optimizer, State optimizerState, String notes) {
    }

    private final ComponentCatalog catalog;
    private final ConfiguredActivations activations;

    SavedModels(ComponentCatalog catalog, ConfiguredActivations activations) {
        this.catalog = catalog;
        this.activations = activations;
    }

    /** The network, its weights, the optimizer with its state and the training progress as data. */
    static ModelSnapshot snapshot(NetworkSetup setup, Network network, double[] weights, Choice<Optimizer> optimizer,
            State optimizerState, int epoch, long step) {
        return new ModelSnapshot(setup.widths(), setup.hidden(), setup.output(), setup.coding(), setup.levels(),
                setup.codingSettings(), setup.loss(), setup.init(), setup.initSettings(), setup.seed(), network.layout(),
                weights, optimizerState == null ? null : optimizer.name(),
                optimizerState == null ? null : optimizer.settings().asText(), optimizerState, epoch, step,
                setup.hiddenSettings(), setup.outputSettings());
    }

    /**
     * Resolves a saved model's components by name, checks that its layout is the one this
     * engine builds for its widths and that its widths fit {@code data} (null when none is
     * loaded), and lets a saved optimizer adopt its state.
     */
    Restored restore(ModelSnapshot model, SessionData data) {
        int[] widths = model.widths();
        if (data != null) {
            NetworkBuilder.checkWidths(widths, data);
            if (data.base().hasLabels() != (model.coding() != null)) {
                throw new IllegalArgumentException("the model was trained on " + (model.coding() == null
                        ? "real targets" : "class labels") + " but '" + data.base().name() + "' has "
                        + (data.base().hasLabels() ? "class labels" : "real targets"));
            }
        }
        Activation hidden = activations.resolve(catalog, model.hiddenActivation(), model.hiddenActivationSettings(),
                ConfiguredActivations.HIDDEN_PREFIX);
        Activation output = activations.resolve(catalog, model.outputActivation(), model.outputActivationSettings(),
                ConfiguredActivations.OUTPUT_PREFIX);
        Loss loss = catalog.get(ComponentKind.LOSS, model.loss(), Loss.class);
        Network net = new Network(widths, RbfSetup.layersOf(model.layout(), widths.length - 1),
                RbfSetup.trainedIn(model.layout()), hidden, output);
        OutputLayerLoss bound = OutputLayerLoss.bind(output, loss, loss.name());
        if (!net.layout().equals(model.layout())) {
            // one line: the saved layout is file content, so it is quoted short
            throw new IllegalArgumentException("the model's parameter layout (" + Excerpt.of(oneLine(model.layout()), 200)
                    + ") is not the one this engine builds for " + net.spec() + " (" + Excerpt.of(oneLine(net.layout()), 200) + ")");
        }
        TargetCoding targetCoding = null;
        if (model.coding() != null) {
            targetCoding = catalog.get(ComponentKind.TARGET_CODING, model.coding(), TargetCoding.class);
            NetworkBuilder.checkReachable(model.coding(), model.levels(), output);
        }
        Choice<Optimizer> savedOptimizer = null;
        State state = null;
        String notes = "";
        if (model.optimizer() != null) {
            Optimizer service = catalog.get(ComponentKind.OPTIMIZER, model.optimizer(), Optimizer.class);
            Settings settings = service.settings(model.optimizerSettings());
            savedOptimizer = new Choice<>(service.name(), settings, service);
            state = model.optimizerState();
            List<String> reset = service.adopt(state, net.layout(), settings);
            notes = "; optimizer " + savedOptimizer.describe()
                    + (reset.isEmpty() ? " with its saved state" : ", re-initialised: " + String.join(", ", reset));
        }
        NetworkSetup setup = new NetworkSetup(widths, hidden.name(), output.name(), model.coding(), model.levels(),
                model.codingSettings(), loss.name(), model.initializer(), model.initializerSettings(), model.seed(),
                ConfiguredActivations.settingsText(hidden, model.hiddenActivationSettings()),
                ConfiguredActivations.settingsText(output, model.outputActivationSettings()));
        return new Restored(setup, net, bound, targetCoding, savedOptimizer, state, notes);
    }

    private static String oneLine(Object layout) {
        return String.valueOf(layout).strip().replace("\n", "; ");
    }
}

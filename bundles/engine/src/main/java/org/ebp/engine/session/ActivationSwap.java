package org.ebp.engine.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.model.Activation;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;

/** {@code use activation NAME layer=...}: swaps the activation of a session's network, keeping its weights. */
final class ActivationSwap {

    private ActivationSwap() {
    }

    /**
     * Changes the activation of the hidden layers, the output layer or both ({@code layer=hidden},
     * {@code output} or {@code all}) at the next step boundary; the weights are kept, since an
     * activation has no parameters. Refused when the output could no longer reach the coding's
     * targets (section 1.4.5) or does not fit the loss, or when a coupled activation (softmax)
     * would go into a hidden layer.
     */
    static String use(ComponentCatalog catalog, SessionModel model, String name, Map<String, String> raw) {
        Session.requireName(name, "an activation, e.g. tanh");
        if (model.network == null) {
            throw new IllegalStateException("no network; create one with its activation, e.g. net in-30-out activation="
                    + name.trim());
        }
        Map<String, String> rest = new LinkedHashMap<>(raw);
        String layer = Formats.take(rest, "layer", "hidden").trim().toLowerCase(Locale.ROOT);
        if (!List.of("hidden", "output", "all").contains(layer)) {
            throw new InvalidSettingException("use activation: layer=" + layer + " is not a layer; use layer=hidden, "
                    + "layer=output or layer=all");
        }
        if (!rest.isEmpty()) {
            throw new InvalidSettingException("use activation takes only layer=hidden|output|all, not "
                    + String.join(", ", rest.keySet()));
        }
        Activation service = catalog.get(ComponentKind.ACTIVATION, name, Activation.class);
        boolean toHidden = !layer.equals("output");
        boolean toOutput = !layer.equals("hidden");
        int[] widths = model.setup.widths();
        if (toHidden && widths.length < 3) {
            throw new IllegalArgumentException("the network " + model.network.spec() + " has no hidden layer; use layer=output");
        }
        if (toHidden && !service.elementwise()) {
            throw new IllegalArgumentException("activation '" + service.name() + "' couples the units of a layer and can "
                    + "only be an output; use layer=output");
        }
        Activation hidden = toHidden ? service : model.network.hiddenActivation();
        Activation output = toOutput ? service : model.network.outputActivation();
        OutputLayerLoss bound = toOutput ? OutputLayerLoss.bind(output, model.outputLoss.loss(), model.setup.loss()) : model.outputLoss;
        TargetCoding.Levels levels = model.setup.levels();
        if (toOutput && model.coding != null) {
            levels = NetworkBuilder.checkedLevels(model.coding, output, model.coding.settings(model.setup.codingSettings()));
        }
        Network next = model.network.withActivations(hidden, output);
        boolean levelsChanged = levels != null && !levels.equals(model.setup.levels());
        model.setup = new NetworkSetup(widths, hidden.name(), output.name(), model.setup.coding(), levels, model.setup.codingSettings(),
                model.setup.loss(), model.setup.init(), model.setup.initSettings(), model.setup.seed());
        model.network = next;
        model.outputLoss = bound;
        // the objectives hold the network and the coded targets (the session makes the training
        // loop forget its own); the sampler state stays
        model.evaluationObjectives.clear();
        return "activation " + service.name() + " on the " + switch (layer) {
            case "hidden" -> "hidden layer" + (widths.length > 3 ? "s" : "");
            case "output" -> "output layer";
            default -> "hidden and output layers";
        } + "; weights kept" + (levelsChanged ? "; targets now " + Formats.number(levels.off()) + "/"
                + Formats.number(levels.on()) : "");
    }
}

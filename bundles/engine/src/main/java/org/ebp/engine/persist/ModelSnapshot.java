package org.ebp.engine.persist;

import java.util.Map;
import java.util.Objects;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.TargetCoding;

/**
 * A trained network as data: its shape and component names, the parameter layout, the weights,
 * the optimizer with its state, and how far training went. What a model file holds.
 *
 * @param widths              layer widths, input first
 * @param coding              target coding name, or null for regression
 * @param levels              the coding's levels, or null for regression
 * @param optimizer           optimizer name, or null when no state is saved
 * @param optimizerState      its state, or null
 * @param hiddenActivationSettings the hidden activation's settings as text, empty when it takes none
 * @param outputActivationSettings the output activation's settings as text, empty when it takes none
 */
public record ModelSnapshot(int[] widths, String hiddenActivation, String outputActivation, String coding,
                            TargetCoding.Levels levels, Map<String, String> codingSettings, String loss, String initializer,
                            Map<String, String> initializerSettings, long seed, ParameterLayout layout, double[] weights,
                            String optimizer, Map<String, String> optimizerSettings, State optimizerState, int epoch,
                            long step, Map<String, String> hiddenActivationSettings,
                            Map<String, String> outputActivationSettings) {

    public ModelSnapshot {
        widths = widths.clone();
        Objects.requireNonNull(hiddenActivation, "hiddenActivation");
        Objects.requireNonNull(outputActivation, "outputActivation");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(initializer, "initializer");
        codingSettings = Map.copyOf(codingSettings);
        initializerSettings = Map.copyOf(initializerSettings);
        optimizerSettings = optimizerSettings == null ? Map.of() : Map.copyOf(optimizerSettings);
        Objects.requireNonNull(layout, "layout");
        if (weights.length != layout.size()) {
            throw new IllegalArgumentException(weights.length + " weights for a layout of " + layout.size());
        }
        weights = weights.clone();
        optimizerState = optimizerState == null ? null : optimizerState.copy();
        hiddenActivationSettings = hiddenActivationSettings == null ? Map.of() : Map.copyOf(hiddenActivationSettings);
        outputActivationSettings = outputActivationSettings == null ? Map.of() : Map.copyOf(outputActivationSettings);
    }

    /** A snapshot whose activations take no settings. */
    public ModelSnapshot(int[] widths, String hiddenActivation, String outputActivation, String coding,
                         TargetCoding.Levels levels, Map<String, String> codingSettings, String loss, String initializer,
                         Map<String, String> initializerSettings, long seed, ParameterLayout layout, double[] weights,
                         String optimizer, Map<String, String> optimizerSettings, State optimizerState, int epoch,
                         long step) {
        this(widths, hiddenActivation, outputActivation, coding, levels, codingSettings, loss, initializer,
                initializerSettings, seed, layout, weights, optimizer, optimizerSettings, optimizerState, epoch, step,
                Map.of(), Map.of());
    }

    /** The widths as a layer spec, e.g. 64-30-10. */
    public String widthsText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            b.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return b.toString();
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public State optimizerState() {
        return optimizerState == null ? null : optimizerState.copy();
    }
}

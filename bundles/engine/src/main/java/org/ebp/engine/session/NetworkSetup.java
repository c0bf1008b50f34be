package org.ebp.engine.session;

import java.util.Map;
import org.ebp.api.model.TargetCoding;
import org.ebp.engine.network.LayerSpec;

/**
 * How the current network was made: its widths and the names and settings of its components,
 * enough to describe it, to re-resolve its components by name, and to rebuild it.
 *
 * @param coding         target coding name, or null for regression data
 * @param levels         the coding's levels for the output activation, or null for regression
 * @param codingSettings the coding's settings as text
 * @param initSettings   the initializer's settings as text
 * @param seed           seed of the initialisation stream
 * @param hiddenSettings the hidden activation's settings as text (empty when it takes none)
 * @param outputSettings the output activation's settings as text (empty when it takes none)
 */
record NetworkSetup(int[] widths, String hidden, String output, String coding, TargetCoding.Levels levels,
                    Map<String, String> codingSettings, String loss, String init, Map<String, String> initSettings,
                    long seed, Map<String, String> hiddenSettings, Map<String, String> outputSettings) {

    NetworkSetup {
        widths = widths.clone();
        codingSettings = Map.copyOf(codingSettings);
        initSettings = Map.copyOf(initSettings);
        hiddenSettings = hiddenSettings == null ? Map.of() : Map.copyOf(hiddenSettings);
        outputSettings = outputSettings == null ? Map.of() : Map.copyOf(outputSettings);
    }

    /** A setup whose activations take no settings. */
    NetworkSetup(int[] widths, String hidden, String output, String coding, TargetCoding.Levels levels,
                 Map<String, String> codingSettings, String loss, String init, Map<String, String> initSettings,
                 long seed) {
        this(widths, hidden, output, coding, levels, codingSettings, loss, init, initSettings, seed, Map.of(), Map.of());
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    String spec() {
        return LayerSpec.format(widths);
    }

    /** "64-30-10 scaled-tanh/scaled-tanh pm1 mse fan-in", with activation settings in parentheses. */
    String describe() {
        return describe(spec());
    }

    /** As {@link #describe()} with the network's own spec text (which marks RBF layers, e.g. 64-rbf20-10). */
    String describe(String networkSpec) {
        return networkSpec + " " + withSettings(hidden, hiddenSettings) + "/" + withSettings(output, outputSettings) + " "
                + (coding == null ? "real-targets" : coding) + " " + loss + " " + init;
    }

    private static String withSettings(String name, Map<String, String> settings) {
        if (settings.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name).append('(');
        new java.util.TreeMap<>(settings).forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : " ").append(k).append('=').append(v));
        return b.append(')').toString();
    }
}

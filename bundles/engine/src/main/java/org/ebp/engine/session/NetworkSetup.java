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
 */
record NetworkSetup(int[] widths, String hidden, String output, String coding, TargetCoding.Levels levels,
                    Map<String, String> codingSettings, String loss, String init, Map<String, String> initSettings,
                    long seed) {

    NetworkSetup {
        widths = widths.clone();
        codingSettings = Map.copyOf(codingSettings);
        initSettings = Map.copyOf(initSettings);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    String spec() {
        return LayerSpec.format(widths);
    }

    /** "64-30-10 scaled-tanh/scaled-tanh pm1 mse fan-in". */
    String describe() {
        return spec() + " " + hidden + "/" + output + " " + (coding == null ? "real-targets" : coding) + " " + loss + " " + init;
    }
}

package org.ebp.plots.command;

import java.util.List;
import java.util.Set;
import org.ebp.api.component.ParameterSpec;

/**
 * The settings of the {@code plot} commands, declared once: help, validation (and, once the shell
 * offers it, completion) come from these lists.
 */
final class PlotSettings {

    static final ParameterSpec FILE = ParameterSpec.text("file", null, "the file to write: F.png or F.svg");
    static final ParameterSpec WIDTH = ParameterSpec.integer("width", 800, 320, 4000, "image width in pixels");
    static final ParameterSpec HEIGHT = ParameterSpec.integer("height", 500, 240, 4000, "image height in pixels");

    /** {@code plot curves} and {@code plot inputs}. */
    static final List<ParameterSpec> FIGURE = List.of(FILE, WIDTH, HEIGHT);

    /** The Hessian spectrum's own settings, passed on to it when given (see {@code hessian spectrum}). */
    static final Set<String> SPECTRUM_KEYS = Set.of("k", "method", "split", "examples", "seed");

    private PlotSettings() {
    }

    /** One line per setting, for help. */
    static String help(List<ParameterSpec> specs) {
        StringBuilder b = new StringBuilder();
        for (ParameterSpec s : specs) {
            b.append(b.length() == 0 ? "" : "; ").append(s.summary());
        }
        return b.toString();
    }
}

package org.ebp.plots.command;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.command.CommandDeclaration;
import org.ebp.api.command.CommandDeclaration.Argument;
import org.ebp.api.component.ParameterSpec;

/**
 * The {@code plot} commands, declared once: the shell's help, TAB completion and usage render
 * these declarations, and {@link PlotCommands} checks what was typed against the same ones.
 */
final class PlotSettings {

    static final ParameterSpec FILE = ParameterSpec.text("file", null, "the file to write: F.png or F.svg");
    static final ParameterSpec WIDTH = ParameterSpec.integer("width", 800, 320, 4000, "image width in pixels");
    static final ParameterSpec HEIGHT = ParameterSpec.integer("height", 500, 240, 4000, "image height in pixels");

    /** Every plot's own settings. */
    static final List<ParameterSpec> FIGURE = List.of(FILE, WIDTH, HEIGHT);

    static final String GROUP = "plots";

    private PlotSettings() {
    }

    /**
     * The three plots. {@code plot spectrum} also takes the settings of the Hessian spectrum, as
     * the session declares them ({@code HessianTools.spectrumSettings}): given, the spectrum is
     * computed now with them.
     */
    static List<CommandDeclaration> declarations(List<ParameterSpec> spectrumSettings) {
        return List.of(
                new CommandDeclaration("plot", "curves", GROUP, "training and evaluation loss and accuracy per epoch, "
                        + "several runs on one chart, swaps and pauses marked",
                        List.of(Argument.runs("[RUN...]", "run record ids (runs list) or session; none: the current "
                                + "session")), FIGURE),
                new CommandDeclaration("plot", "spectrum", GROUP, "the Hessian's largest eigenvalues (the last computed, "
                        + "or computed now with the spectrum settings given)", List.of(), spectrum(spectrumSettings)),
                new CommandDeclaration("plot", "inputs", GROUP, "the input covariance eigenvalues as loaded and after "
                        + "each transform, log scale (section 1.4.3)", List.of(), FIGURE));
    }

    /** The figure's settings, then the spectrum's (a name both have stays the figure's). */
    private static List<ParameterSpec> spectrum(List<ParameterSpec> spectrumSettings) {
        List<ParameterSpec> all = new ArrayList<>(FIGURE);
        for (ParameterSpec p : spectrumSettings) {
            if (!isFigureSetting(p.name())) {
                all.add(p);
            }
        }
        return all;
    }

    static boolean isFigureSetting(String key) {
        return FIGURE.stream().anyMatch(p -> p.name().equals(key));
    }
}

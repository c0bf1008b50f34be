package org.ebp.shell;

import java.util.List;
import org.ebp.api.component.ParameterSpec;

/**
 * Settings a session declares (TrainingSession.trainSettings, HessianTools' settings), as a test
 * session would: the shell's declarations are built from lists like these. The engine's real lists
 * are checked against the shell's help in the Felix tests (WorkbenchBootIT).
 */
final class SessionDeclarations {

    static final List<ParameterSpec> TRAIN = List.of(
            ParameterSpec.integer("batch", 1, 1, Integer.MAX_VALUE, "examples per step"),
            ParameterSpec.text("eval", "auto", "split evaluated after each epoch"),
            ParameterSpec.longInt("seed", 1, "seed of the example order"),
            ParameterSpec.integer("patience", 0, 0, Integer.MAX_VALUE, "early stopping"),
            ParameterSpec.text("checkpoint", "", "folder for checkpoints"));

    static final List<ParameterSpec> EIG = List.of(
            ParameterSpec.choice("method", "power", List.of("power", "online", "exact"), "method"),
            ParameterSpec.integer("examples", 500, 0, Integer.MAX_VALUE, "examples of the split"));

    static final List<ParameterSpec> SPECTRUM = List.of(
            ParameterSpec.integer("k", 10, 1, 100000, "number of largest eigenvalues"),
            ParameterSpec.choice("method", "lanczos", List.of("lanczos", "exact"), "method"));

    static List<CommandSpec> training() {
        return TrainingCommands.declared(TRAIN);
    }

    static List<CommandSpec> hessian() {
        return HessianCommands.declared(EIG, SPECTRUM);
    }

    private SessionDeclarations() {
    }
}

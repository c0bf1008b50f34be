package org.ebp.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.keep.ModelKeeping;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Commands that keep work in files: {@code model save|load|undo}, {@code checkpoint save|load},
 * {@code weights export|import}, and {@code predict}, which applies the kept network to new data.
 */
@Component(service = {KeepCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=model",
        "osgi.command.function=checkpoint",
        "osgi.command.function=weights",
        "osgi.command.function=predict"})
public class KeepCommands implements DeclaredCommands {

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("model", "save", "network", "write the network, its transform chain and weights to a JSON model file",
                    List.of(ArgSpec.file("FILE", "the model file")), List.of()),
            CommandSpec.of("model", "load", "network", "make a model file the session's network (load and split the data first)",
                    List.of(ArgSpec.file("FILE", "a file written by model save")), List.of()),
            CommandSpec.of("model", "undo", "network", "bring back the trained network a command replaced", List.of(), List.of()),
            CommandSpec.of("checkpoint", "save", "network", "the model with the component states, seeds, epoch and step",
                    List.of(ArgSpec.file("FILE", "the checkpoint file")), List.of()),
            CommandSpec.of("checkpoint", "load", "network", "restore a checkpoint; train then continues bit for bit",
                    List.of(ArgSpec.file("FILE", "a file written by checkpoint save or train checkpoint=")), List.of()),
            CommandSpec.of("weights", "export", "network", "the weights as NumPy arrays (.npz) or one flat vector (.npy)",
                    List.of(ArgSpec.file("FILE.npz|FILE.npy", "the file to write")), List.of()),
            CommandSpec.of("weights", "import", "network", "read such a file into the current network",
                    List.of(ArgSpec.file("FILE.npz|FILE.npy", "the file to read")), List.of()),
            CommandSpec.of("predict", null, "network", "apply the network with its fitted transforms to new data (CSV or "
                    + "IDX) and write the predictions as CSV; with labels or targets in the data, also loss and accuracy or R^2",
                    List.of(ArgSpec.file("FILE", "the new data: a CSV file, or IDX images")), PredictCommand.SETTINGS));

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    static final String MODEL_USAGE = "usage: model save FILE | model load FILE | model undo";
    static final String CHECKPOINT_USAGE = "usage: checkpoint save FILE | checkpoint load FILE "
            + "(train N checkpoint=DIR every=1 keep=3 writes them during training)";
    static final String WEIGHTS_USAGE = "usage: weights export FILE.npz|FILE.npy | weights import FILE.npz|FILE.npy";

    @Reference
    private Workbench workbench;

    @Descriptor("model save FILE: write the network (architecture, activations with settings, coding, loss), its fitted "
            + "transform chain and weights to a JSON model file; model load FILE: make a model file the session's network "
            + "and its transforms the session's inputs (load and split the data first); model undo: bring back the trained "
            + "network a command replaced (data load, net, reset, model load, checkpoint load, weights import keep it in "
            + "<ebp.user.home>/autosave first)")
    public void model(CommandSession shell, @Descriptor("save, load or undo") String action,
                      @Descriptor("the model file") String... args) throws Exception {
        ModelKeeping keeping = keeping();
        PrintStream out = System.out;
        switch (action) {
            case "save" -> out.println(keeping.saveModel(file(shell, "model", action, args)));
            case "load" -> print(out, keeping.loadModel(file(shell, "model", action, args)));
            case "undo" -> {
                noArguments("model", action, args);
                print(out, keeping.undo());
            }
            default -> throw new IllegalArgumentException("unknown model action '" + action + "'; " + MODEL_USAGE);
        }
    }

    @Descriptor("model needs an action")
    public void model(CommandSession shell) {
        throw new IllegalArgumentException(MODEL_USAGE);
    }

    @Descriptor("checkpoint save FILE: write the model with the optimizer's, schedule's and sampler's states, the seeds, "
            + "epoch, step and the run's record; checkpoint load FILE: restore one (load and split the data first), after "
            + "which train continues bit for bit as the run that wrote it")
    public void checkpoint(CommandSession shell, @Descriptor("save or load") String action,
                           @Descriptor("the checkpoint file") String... args) throws Exception {
        ModelKeeping keeping = keeping();
        PrintStream out = System.out;
        switch (action) {
            case "save" -> out.println(keeping.saveCheckpoint(file(shell, "checkpoint", action, args)));
            case "load" -> print(out, keeping.loadCheckpoint(file(shell, "checkpoint", action, args)));
            default -> throw new IllegalArgumentException("unknown checkpoint action '" + action + "'; " + CHECKPOINT_USAGE);
        }
    }

    @Descriptor("checkpoint needs an action")
    public void checkpoint(CommandSession shell) {
        throw new IllegalArgumentException(CHECKPOINT_USAGE);
    }

    @Descriptor("weights export FILE.npz: the weights as NumPy arrays layer1.W [out][in], layer1.b [out], layer2.W, ...; "
            + "weights export FILE.npy: one flat float64 vector in that order; weights import FILE: read such a file "
            + "(float32 or float64, either byte order, C order) into the current network")
    public void weights(CommandSession shell, @Descriptor("export or import") String action,
                        @Descriptor("the .npz or .npy file") String... args) throws Exception {
        ModelKeeping keeping = keeping();
        PrintStream out = System.out;
        switch (action) {
            case "export" -> out.println(keeping.exportWeights(file(shell, "weights", action, args)));
            case "import" -> print(out, List.of(keeping.importWeights(file(shell, "weights", action, args))));
            default -> throw new IllegalArgumentException("unknown weights action '" + action + "'; " + WEIGHTS_USAGE);
        }
    }

    @Descriptor("weights needs an action")
    public void weights(CommandSession shell) {
        throw new IllegalArgumentException(WEIGHTS_USAGE);
    }

    @Descriptor("predict FILE out=FILE.csv: apply the network, through the session's fitted transforms, to new data and "
            + "write one row per example: the predicted class and a score per class (p_CLASS: softmax probabilities, or "
            + "output_CLASS: output values), or the predicted targets in their own units; a CSV file holds the network's "
            + "input columns, optionally followed by the label (or the K target columns), which are then scored as "
            + "evaluate scores a split; IDX images take labels=FILE for that; label=, targets=, header=, delimiter= as for "
            + "data load csv; detail=true adds the confusion matrix")
    public void predict(CommandSession shell, @Descriptor("the data file, then out=FILE.csv and settings") String... args)
            throws Exception {
        PredictCommand.Request request = PredictCommand.parse(shell, args);
        org.ebp.api.keep.Prediction p = keeping().predict(request.source(), request.settings(), request.out());
        PrintStream out = System.out;
        print(out, p.lines());
        if (p.scored() != null) {
            out.println(Text.evaluation(p.scored().evaluation()) + EvaluationTables.rSquared(p.scored()));
            if (request.detail() && !p.scored().classNames().isEmpty()) {
                EvaluationTables.confusion(p.scored()).forEach(out::println);
            }
        }
    }

    private ModelKeeping keeping() {
        TrainingSession session = workbench.session();
        if (session instanceof ModelKeeping keeping) {
            return keeping;
        }
        throw new IllegalStateException("this session cannot keep models in files");
    }

    private static void print(PrintStream out, List<String> lines) {
        for (String line : lines) {
            out.println(line);
        }
    }

    private static void noArguments(String command, String action, String[] args) {
        if (args != null && args.length > 0) {
            throw new IllegalArgumentException(command + " " + action + " takes no arguments; " + MODEL_USAGE);
        }
    }

    /** The one file argument, relative to the shell's folder. */
    static Path file(CommandSession shell, String command, String action, String[] args) {
        return ShellPaths.resolve(shell, file(command, action, args).toString());
    }

    static Path file(String command, String action, String[] args) {
        if (args == null || args.length != 1 || args[0].isBlank()) {
            String example = switch (command) {
                case "weights" -> "net.npz";
                case "checkpoint" -> "run.ckpt.json";
                default -> "model.json";
            };
            throw new IllegalArgumentException(command + " " + action + " needs one file, e.g. " + command + " " + action + " "
                    + example);
        }
        return Path.of(args[0]);
    }
}

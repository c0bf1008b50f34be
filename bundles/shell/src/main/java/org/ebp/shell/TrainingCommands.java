package org.ebp.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.EvaluationDetail;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.StepProgress;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Commands that build and train a network: {@code net}, {@code use}, {@code train}, {@code evaluate}, {@code status}, {@code reset}. */
@Component(service = {TrainingCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=net",
        "osgi.command.function=use",
        "osgi.command.function=train",
        "osgi.command.function=evaluate",
        "osgi.command.function=status",
        "osgi.command.function=reset"})
public class TrainingCommands implements DeclaredCommands {

    /** The kinds {@code use} swaps. */
    static final String[] USABLE_KINDS = {"optimizer", "schedule", "sampler", "compute", "activation"};

    /** The settings of {@code evaluate}, declared once. */
    static final List<ParameterSpec> EVALUATE_SETTINGS = List.of(
            ParameterSpec.bool("detail", false, "add the confusion matrix with per-class precision and recall"));

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("net", null, "network", "create a network from a layer spec such as 64-30-10 or in-30-out",
                    List.of(ArgSpec.free("SPEC", "layer widths, input first; in and out stand for the data's widths")),
                    List.of(ParameterSpec.text("activation", "scaled-tanh", "activation of the hidden units"),
                            ParameterSpec.text("output", "same", "activation of the output units (default: the hidden one)"),
                            ParameterSpec.text("coding", "auto", "target coding: auto is one-hot for softmax, pm1 "
                                    + "when +-1 lie inside the output's range, else low-high"),
                            ParameterSpec.text("loss", "auto", "loss: auto is cross-entropy for softmax, else mse"),
                            ParameterSpec.text("init", "fan-in", "weight initializer"),
                            ParameterSpec.longInt("seed", 1, "seed of the initial weights"),
                            ParameterSpec.text("precision", "float32", "float32 (the default; RBF networks use float64) or float64; "
                                    + "second-order methods and Hessian tools always use float64")))
                    .withOpenSettings()
                    .withComponentValues(Map.of("activation", ComponentKind.ACTIVATION, "output", ComponentKind.ACTIVATION,
                            "coding", ComponentKind.TARGET_CODING, "loss", ComponentKind.LOSS,
                            "init", ComponentKind.INITIALIZER)),
            CommandSpec.of("use", null, "training", "use a component from the next step on, also during training",
                    List.of(ArgSpec.choice("KIND", "optimizer, schedule, sampler, compute or activation", USABLE_KINDS),
                            new ArgSpec("NAME", "the component; components KIND lists them", new ArgSpec.ComponentsOfArg(0))),
                    List.of())
                    .withComponentSettings(new CommandSpec.ComponentSettings(null, 0, 1)),
            CommandSpec.of("evaluate", null, "training", "loss and accuracy of the network on a split",
                    List.of(ArgSpec.split("[SPLIT]", "split name (default test)")), EVALUATE_SETTINGS),
            CommandSpec.of("status", null, "inspect", "data, splits, transforms, network, components, progress and seeds",
                    List.of(), List.of()),
            CommandSpec.of("reset", null, "training", "discard the session (data, network, weights) and start an empty one",
                    List.of(), List.of()));

    /** The one setting of train the shell handles itself; the session declares the others. */
    static final ParameterSpec BACKGROUND = ParameterSpec.bool("background", false,
            "return at once; then wait, pause, resume, stop");

    /**
     * {@code train}'s declaration: the settings the session declares and checks
     * ({@link TrainingSession#trainSettings()}) and {@code background}. A session that declares
     * none gets its keys through unchecked here (it checks them itself).
     */
    static CommandSpec train(List<ParameterSpec> sessionSettings) {
        CommandSpec spec = CommandSpec.of("train", null, "training", "train for more epochs, one line per epoch (Ctrl-C "
                        + "stops at the next step and keeps the weights)",
                List.of(ArgSpec.free("EPOCHS", "number of epochs")), sessionSettings).withMoreSettings(List.of(BACKGROUND));
        return sessionSettings.isEmpty() ? spec.withOpenSettings() : spec;
    }

    /** Every declaration of this class, train's from the session's own list. */
    static List<CommandSpec> declared(List<ParameterSpec> sessionTrainSettings) {
        List<CommandSpec> all = new java.util.ArrayList<>(COMMANDS);
        all.add(train(sessionTrainSettings));
        return all;
    }

    @Reference
    private Workbench workbench;

    @Reference
    private RunCommands runs;

    @Reference
    private StudyJobs studies;

    @Override
    public List<CommandSpec> commands() {
        return declared(workbench.session().trainSettings());
    }

    @Descriptor("net SPEC [key=value...]: create a network from a layer spec such as 64-30-10 (or in-30-out); settings "
            + "activation=scaled-tanh output=<activation> coding=auto loss=auto init=fan-in seed=1, the initializer's and the "
            + "coding's settings, and activation.KEY=VALUE / output.KEY=VALUE for an activation's own settings "
            + "(e.g. activation=twisted-tanh activation.a=0.2)")
    public void net(CommandSession session,
                    @Descriptor("layer widths, input first, e.g. 64-30-10") String spec,
                    @Descriptor("key=value settings") String... settings) {
        System.out.println(workbench.session().createNetwork(spec, CommandIndex.in(COMMANDS, "net", null).settings(settings, 0)));
    }

    @Descriptor("use KIND NAME [key=value...]: use a component from the next step on, also during training (kinds: optimizer, schedule, sampler, compute, activation [layer=hidden|output|all]), e.g. use optimizer sgd lr=0.01")
    public void use(CommandSession session,
                    @Descriptor("optimizer, schedule, sampler or compute") String kind,
                    @Descriptor("component name; 'components KIND' lists them") String name,
                    @Descriptor("key=value settings") String... settings) {
        System.out.println(workbench.session().use(ComponentKind.parse(kind), name, KeyValues.parse(settings, 0)));
    }

    @Descriptor("train EPOCHS [key=value...]: train for more epochs; help train lists the settings")
    public void train(CommandSession session,
                      @Descriptor("number of epochs") int epochs,
                      @Descriptor("key=value settings: batch (mini-batch size), eval (split to evaluate each epoch), seed (shuffle seed)") String... settings) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("train needs a positive number of epochs, e.g. train 10");
        }
        PrintStream out = ProgressLine.commandOutput(session);
        LinkedHashMap<String, String> map = train(workbench.session().trainSettings()).settings(settings, 0);
        String background = map.remove("background");
        if (background != null && !background.equals("false")) {
            if (!background.equals("true")) {
                throw new IllegalArgumentException("background=" + background + " must be true or false");
            }
            runs.start(session, epochs, map);
            return;
        }
        ProgressLine progress = new ProgressLine(out, ProgressLine.onTerminal(session));
        long startMillis = System.currentTimeMillis();
        List<EpochReport> reports;
        try {
            reports = workbench.session().train(epochs, map, progress);
        } finally {
            progress.done();
        }
        double total = reports.stream().mapToDouble(EpochReport::seconds).sum();
        if (reports.size() < epochs || stoppedSince(startMillis)) {
            // Ctrl-C or stop: the session stopped at a step boundary (a cut-short epoch still reports); nothing is lost.
            SessionStatus now = workbench.session().status();
            out.printf(Locale.ROOT, "stopped at step %d, in epoch %d, after %.2f s (%d of %d epochs asked for); the "
                    + "weights are kept, train continues from here%n", now.step(), now.epoch(), total, reports.size(), epochs);
            return;
        }
        out.printf("trained %d epoch%s in %.2f s%n", reports.size(), reports.size() == 1 ? "" : "s", total);
    }

    /** Whether a stop was asked for (Ctrl-C, stop) since then: the session's history says so. */
    private boolean stoppedSince(long millis) {
        List<org.ebp.api.session.SessionEvent> events = workbench.session().history();
        for (int i = events.size() - 1; i >= 0 && events.get(i).millis() >= millis; i--) {
            if (events.get(i).kind().equals("stop")) {
                return true;
            }
        }
        return false;
    }

    @Descriptor("evaluate [SPLIT] [detail=true]: loss and accuracy (classification) or loss and R^2 (regression) of the "
            + "network on a split (default test); detail=true adds the confusion matrix with per-class precision and recall")
    public void evaluate(CommandSession session, @Descriptor("split name, e.g. test, train, validation") String split) {
        evaluate(session, split, "detail=false");
    }

    @Descriptor("evaluate SPLIT detail=true: the confusion matrix (rows: true class, columns: predicted) with per-class "
            + "precision and recall, or R^2 per target for regression")
    public void evaluate(CommandSession session, @Descriptor("split name") String split,
                         @Descriptor("detail=true or detail=false") String detail) {
        Settings s = Settings.parse("evaluate", EVALUATE_SETTINGS, KeyValues.parse(new String[] {detail}, 0));
        PrintStream out = System.out;
        org.ebp.api.session.Evaluation e = workbench.session().evaluate(split);
        if (!Double.isNaN(e.accuracy()) && !s.getBoolean("detail")) {
            out.println(Text.evaluation(e));
            return;
        }
        EvaluationDetail d = workbench.session().evaluateDetail(split);
        out.println(Text.evaluation(d.evaluation()) + EvaluationTables.rSquared(d));
        if (s.getBoolean("detail") && !d.classNames().isEmpty()) {
            EvaluationTables.confusion(d).forEach(out::println);
        }
    }

    @Descriptor("evaluate the network on the test split")
    public void evaluate(CommandSession session) {
        evaluate(session, "test");
    }

    @Descriptor("status: data, splits, transforms, network, components in use, progress and seeds of the session")
    public void status(CommandSession session) {
        PrintStream out = System.out;
        SessionStatus s = workbench.session().status();
        out.println("state:      " + s.state());
        out.println("data:       " + (s.dataset() == null ? "none (data load digits)" : s.dataset()));
        if (!s.splits().isEmpty()) {
            StringBuilder b = new StringBuilder();
            s.splits().forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
            out.println("splits:     " + b.toString().trim());
        }
        if (!s.transforms().isEmpty()) {
            out.println("transforms: " + String.join(" -> ", s.transforms()));
        }
        out.println("network:    " + (s.network() == null ? "none (net 64-30-10)" : s.network() + ", " + s.parameters() + " parameters"));
        for (Map.Entry<String, String> e : s.components().entrySet()) {
            out.printf("%-11s %s%n", e.getKey() + ":", e.getValue());
        }
        StepProgress running = workbench.session().stepProgress();
        if (running != null && s.state().startsWith("training")) {
            // the epoch being run, not the last one finished
            out.println("progress:   " + Text.stepProgress(running) + ", step " + running.step() + " in all");
        } else {
            out.println("progress:   epoch " + s.epoch() + " done, step " + s.step());
        }
        if (s.lastReport() != null) {
            out.println("last:       " + Text.epoch(s.lastReport()));
        }
        String curve = Sparkline.trainLoss(workbench.session().epochs());
        if (curve != null) {
            out.println("curve:      " + curve);
        }
        if (!s.seeds().isEmpty()) {
            StringBuilder b = new StringBuilder();
            s.seeds().forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
            out.println("seeds:      " + b.toString().trim());
        }
        String study = studies == null ? null : studies.statusLine();
        if (study != null) {
            out.println("study:      " + study);
        }
    }

    @Descriptor("reset: discard the session (data, network, weights) and start an empty one; a trained network is kept "
            + "in <ebp.user.home>/autosave first (model undo brings it back after loading its data)")
    public void reset(CommandSession session) throws java.io.IOException {
        // keep-model: a trained network is kept before it is discarded (issue 10)
        if (workbench.session() instanceof org.ebp.api.keep.ModelKeeping keeping) {
            String kept = keeping.keepBeforeDiscard("reset");
            if (kept != null) {
                System.out.println(kept);
            }
        }
        workbench.newSession();
        System.out.println("new empty session");
    }
}

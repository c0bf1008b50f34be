package org.ebp.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.EvaluationDetail;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Commands that build and train a network: {@code net}, {@code use}, {@code train}, {@code evaluate}, {@code status}, {@code reset}. */
@Component(service = TrainingCommands.class, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=net",
        "osgi.command.function=use",
        "osgi.command.function=train",
        "osgi.command.function=evaluate",
        "osgi.command.function=status",
        "osgi.command.function=reset"})
public class TrainingCommands {

    @Reference
    private Workbench workbench;

    @Reference
    private RunCommands runs;

    @Descriptor("net SPEC [key=value...]: create a network from a layer spec such as 64-30-10 (or in-30-out); settings "
            + "activation=scaled-tanh output=<activation> coding=auto loss=auto init=fan-in seed=1, the initializer's and the "
            + "coding's settings, and activation.KEY=VALUE / output.KEY=VALUE for an activation's own settings "
            + "(e.g. activation=twisted-tanh activation.a=0.2)")
    public void net(CommandSession session,
                    @Descriptor("layer widths, input first, e.g. 64-30-10") String spec,
                    @Descriptor("key=value settings") String... settings) {
        session.getConsole().println(workbench.session().createNetwork(spec, KeyValues.parse(settings, 0)));
    }

    @Descriptor("use KIND NAME [key=value...]: use a component from the next step on, also during training (kinds: optimizer, schedule, sampler, compute, activation [layer=hidden|output|all]), e.g. use optimizer sgd lr=0.01")
    public void use(CommandSession session,
                    @Descriptor("optimizer, schedule, sampler or compute") String kind,
                    @Descriptor("component name; 'components KIND' lists them") String name,
                    @Descriptor("key=value settings") String... settings) {
        session.getConsole().println(workbench.session().use(ComponentKind.parse(kind), name, KeyValues.parse(settings, 0)));
    }

    @Descriptor("train EPOCHS [batch=1] [eval=test] [seed=1] [patience=0] [monitor=validation] [group=NAME] "
            + "[background=false] [checkpoint=DIR every=1 keep=3]: train for more epochs, one progress line per epoch; "
            + "patience=N stops when the monitored split's loss has not improved for N epochs and restores the best epoch's "
            + "weights; background=true returns at once (then wait, pause, resume, stop, history); every run is recorded "
            + "(runs list), group= names related runs; checkpoint=DIR writes a checkpoint every N epochs, keeps the newest K "
            + "and best.ckpt.json (lowest validation loss)")
    public void train(CommandSession session,
                      @Descriptor("number of epochs") int epochs,
                      @Descriptor("key=value settings: batch (mini-batch size), eval (split to evaluate each epoch), seed (shuffle seed)") String... settings) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("train needs a positive number of epochs, e.g. train 10");
        }
        PrintStream out = session.getConsole();
        LinkedHashMap<String, String> map = KeyValues.parse(settings, 0);
        String background = map.remove("background");
        if (background != null && !background.equals("false")) {
            if (!background.equals("true")) {
                throw new IllegalArgumentException("background=" + background + " must be true or false");
            }
            runs.start(session, epochs, map);
            return;
        }
        List<EpochReport> reports = workbench.session().train(epochs, map, new TrainingListener() {
            @Override
            public void epochFinished(EpochReport report) {
                out.println(Text.epoch(report));
                out.flush();
            }

            @Override
            public void message(String text) {
                out.println(text);
                out.flush();
            }
        });
        double total = reports.stream().mapToDouble(EpochReport::seconds).sum();
        out.printf("trained %d epoch%s in %.2f s%n", reports.size(), reports.size() == 1 ? "" : "s", total);
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
        PrintStream out = session.getConsole();
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

    /** The settings of {@code evaluate}, declared once. */
    static final List<ParameterSpec> EVALUATE_SETTINGS = List.of(
            ParameterSpec.bool("detail", false, "add the confusion matrix with per-class precision and recall"));

    @Descriptor("evaluate the network on the test split")
    public void evaluate(CommandSession session) {
        evaluate(session, "test");
    }

    @Descriptor("status: data, splits, transforms, network, components in use, progress and seeds of the session")
    public void status(CommandSession session) {
        PrintStream out = session.getConsole();
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
        out.println("progress:   epoch " + s.epoch() + ", step " + s.step());
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
    }

    @Descriptor("reset: discard the session (data, network, weights) and start an empty one; a trained network is kept "
            + "in <ebp.user.home>/autosave first (model undo brings it back after loading its data)")
    public void reset(CommandSession session) throws java.io.IOException {
        // keep-model: a trained network is kept before it is discarded (issue 10)
        if (workbench.session() instanceof org.ebp.api.keep.ModelKeeping keeping) {
            String kept = keeping.keepBeforeDiscard("reset");
            if (kept != null) {
                session.getConsole().println(kept);
            }
        }
        workbench.newSession();
        session.getConsole().println("new empty session");
    }
}

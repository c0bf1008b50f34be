package org.ebp.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.experiments.Studies;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyListener;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.StudyRow;
import org.ebp.api.experiments.Trial;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code ablate} and {@code sweep}: the session's setup as a recipe, run with each trick of the
 * paper switched off, or over a grid of settings, in sessions of their own, several at once; one
 * table, saved as Markdown, CSV and JSON with a chart of the curves. Ctrl-C stops every run at its next step.
 */
@Component(service = {StudyCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=ablate",
        "osgi.command.function=sweep"})
public class StudyCommands implements DeclaredCommands {

    /** Settings ablate and sweep share, declared once. */
    static final List<ParameterSpec> RUN_SETTINGS = List.of(
            ParameterSpec.integer("epochs", 0, 0, 100_000, "epochs of every run (0: as many as the session's train call)"),
            ParameterSpec.integer("seeds", 3, 1, 100, "runs per configuration, seeds 1..N of the initial weights and the order"),
            ParameterSpec.real("target", 0.05, 0, 1e12, "the error (1 - accuracy; loss for regression) whose first epoch the "
                    + "table shows"),
            ParameterSpec.text("parallel", "auto", "runs at once: auto (the machine's cores) or a number; each run is "
                    + "single-threaded when several run at once"),
            ParameterSpec.text("out", "auto", "the table's files without extension (auto: <ebp.user.home>/studies/GROUP)"),
            ParameterSpec.bool("background", false, "return to the prompt at once: status shows the progress, stop ends "
                    + "the runs, wait waits for the table"));
    /** ablate's own: which variants run (the names are checked against the installed ones). */
    static final List<ParameterSpec> ABLATE_SETTINGS = List.of(
            ParameterSpec.text("only", "all", "the variants to run, comma-separated, e.g. only=class-sorted,no-annealing "
                    + "(the recipe always runs)"),
            ParameterSpec.text("skip", "none", "variants to leave out, comma-separated, e.g. skip=logistic-units"));
    static final List<ParameterSpec> SWEEP_SETTINGS = List.of(
            ParameterSpec.bool("log", false, "draw ranges lo..hi log-uniformly"),
            ParameterSpec.integer("samples", 0, 0, 500, "random points drawn when a setting is a range lo..hi"),
            ParameterSpec.longInt("search-seed", 1, "seed of the random search"),
            ParameterSpec.choice("apply", "none", List.of("none", "best"), "best: train the best configuration in this "
                    + "session afterwards"));

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("ablate", null, "experiments", "the session's recipe and each trick of the paper switched off, "
                    + "with the same seeds and budget, ordered by effect", List.of(), RUN_SETTINGS)
                    .withMoreSettings(ABLATE_SETTINGS),
            CommandSpec.of("sweep", null, "experiments", "grid or random search over a component's, net's or train's "
                            + "settings, best first",
                    List.of(ArgSpec.choice("KIND", "optimizer, schedule, sampler, activation, initializer, net or train",
                                    "optimizer", "schedule", "sampler", "activation", "initializer", "net", "train"),
                            new ArgSpec("NAME", "the component (not for net and train)", new ArgSpec.ComponentsOfArg(0))),
                    List.of())
                    .withMoreSettings(RUN_SETTINGS).withMoreSettings(SWEEP_SETTINGS).withOpenSettings());

    @Reference
    private Workbench workbench;

    @Reference
    private RecipeRunner runner;

    @Reference
    private Studies studies;

    @Reference
    private StudyJobs jobs;

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    /** TAB after {@code only=} or {@code skip=}: the installed variants, plugins' too. */
    @Override
    public List<String> values(CommandSpec command, String key) {
        return command.name().equals("ablate") && (key.equals("only") || key.equals("skip")) ? studies.variantNames()
                : List.of();
    }

    @Descriptor("ablate [epochs=N] [seeds=3] [target=0.05] [parallel=auto] [out=FILE] [background=true] [only=V,V] "
            + "[skip=V,V]: run the session's setup (data, split, transforms, net, optimizer, schedule, sampler) and each trick "
            + "of the paper switched off (no standardization, logistic units, targets at the asymptotes, unit-variance init, "
            + "class-sorted order, no annealing, no per-weight rates, plain SGD, and plugins' variants) with the same seeds "
            + "and budget; a table ordered by effect")
    public void ablate(CommandSession session, @Descriptor("key=value settings") String... args) throws IOException {
        CommandSpec spec = CommandIndex.in(COMMANDS, "ablate", null);
        LinkedHashMap<String, String> given = spec.settings(args, 0);
        Settings s = Settings.parse("ablate", spec.settings(), given);
        parallel(s.getString("parallel"));
        Recipe recipe = recipe("ablate", s.getInt("epochs"));
        Study study = studies.ablation(recipe, names("only", s.getString("only"), "all"),
                names("skip", s.getString("skip"), "none"));
        run(session, study, s);
    }

    /**
     * {@code a,b} as names; the default word ({@code all}, {@code none}) as none; a comma at the end
     * (left by TAB completion) is dropped. An empty value or item ({@code only=}, {@code only=a,,b}) is
     * refused: it would otherwise quietly mean "all".
     */
    static List<String> names(String key, String text, String none) {
        List<String> out = new java.util.ArrayList<>();
        String list = text.strip().endsWith(",") ? text.strip().substring(0, text.strip().length() - 1) : text;
        String[] items = list.split(",", -1);
        for (String n : items) {
            if (n.isBlank()) {
                throw new IllegalArgumentException(key + "=" + text + " has an empty variant name; name variants, e.g. "
                        + key + "=class-sorted,no-annealing, or leave " + key + "= out (" + key + "=" + none + ")");
            }
            if (!n.strip().equals(none)) {
                out.add(n.strip());
            }
        }
        return out;
    }

    @Descriptor("sweep KIND [NAME] key=v1,v2,... [key=lo..hi log=true samples=N] [seeds=3] [epochs=N] [apply=best]: grid or "
            + "random search over a component's settings (optimizer, schedule, sampler, activation, initializer) or the net's "
            + "or train's, e.g. sweep optimizer sgd lr=0.003,0.01,0.03 or sweep net spec=64-10-10,64-30-10,64-100-10")
    public void sweep(CommandSession session, @Descriptor("optimizer, schedule, sampler, activation, initializer, net or train")
                      String kind, @Descriptor("NAME, then key=value settings") String... args) throws IOException {
        String[] words = args == null ? new String[0] : args;
        String k = kind.trim().toLowerCase(Locale.ROOT);
        String name = null;
        int from = 0;
        if (!k.equals("net") && !k.equals("train")) {
            if (words.length == 0 || words[0].contains("=")) {
                throw new IllegalArgumentException("sweep " + kind + " needs the component's name first, e.g. sweep " + kind
                        + " NAME key=v1,v2 (components " + kind + " lists them)");
            }
            name = words[0];
            from = 1;
        }
        LinkedHashMap<String, String> given = CommandIndex.in(COMMANDS, "sweep", null).settings(words, from);
        Map<String, String> own = new LinkedHashMap<>();
        Map<String, String> axes = new LinkedHashMap<>();
        List<String> ownNames = new java.util.ArrayList<>();
        RUN_SETTINGS.forEach(p -> ownNames.add(p.name()));
        SWEEP_SETTINGS.forEach(p -> ownNames.add(p.name()));
        given.forEach((key, value) -> (ownNames.contains(key) ? own : axes).put(key, value));
        List<ParameterSpec> all = new java.util.ArrayList<>(RUN_SETTINGS);
        all.addAll(SWEEP_SETTINGS);
        Settings s = Settings.parse("sweep", all, own);
        parallel(s.getString("parallel"));
        if (s.getBoolean("background") && s.getString("apply").equals("best")) {
            throw new IllegalArgumentException("apply=best trains this session afterwards, so it runs in the foreground: "
                    + "leave out background=true, or apply=best and train the best row yourself");
        }
        Recipe recipe = recipe("sweep", s.getInt("epochs"));
        Study study = studies.sweep(recipe, k, name, axes, s.getBoolean("log"), s.getInt("samples"), s.getLong("search-seed"));
        StudyReport report = run(session, study, s);
        if (report != null && s.getString("apply").equals("best") && !report.stopped()) {
            StudyRow best = report.best();
            if (best == null) {
                throw new IllegalStateException("no run of the sweep completed, so there is no best configuration to apply");
            }
            PrintStream out = ProgressLine.commandOutput(session);
            out.println("applying the best, " + best.trial().label() + ", to this session (seed 1):");
            List<EpochReport> reports = runner.runIn(workbench.session(), best.trial().recipe(), new org.ebp.api.session.TrainingListener() {
                @Override
                public void epochFinished(EpochReport r) {
                    out.println(Text.epoch(r));
                }
            });
            out.printf(Locale.ROOT, "trained %d epochs with %s%n", reports.size(), best.trial().change());
        }
    }

    private Recipe recipe(String command, int epochs) {
        try {
            return runner.recipeOf(workbench.session(), epochs);
        } catch (IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith("nothing trained yet")) {
                throw new IllegalStateException("nothing trained yet, so " + command + " does not know how many epochs to run; "
                        + "train first, or give epochs=N, e.g. " + command + (command.equals("sweep") ? " optimizer sgd lr=0.01,0.1" : "")
                        + " epochs=10");
            }
            throw new IllegalStateException(m.replace("to save an experiment", "to " + command), e);
        }
    }

    /**
     * Runs the study in the foreground (returns its report) or, with {@code background=true}, on a
     * thread of its own (returns null at once; the table prints on the shell's console when it ends).
     */
    private StudyReport run(CommandSession session, Study study, Settings s) throws IOException {
        boolean background = s.getBoolean("background");
        // the command's own stream, as train's: live on the terminal, in pipes and redirections; in the
        // background the shell's console, as train background=true (the command's pipe closes when it returns)
        PrintStream out = background ? console(session) : ProgressLine.commandOutput(session);
        int parallel = parallel(s.getString("parallel"));
        String group = study.kind() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path base = base(session, s.getString("out"), group);
        org.ebp.io.SafeFiles.checkWritable(base.resolveSibling(base.getFileName() + ".md"));
        int runs = study.trials().size() * s.getInt("seeds");
        StudyJobs.Job job = jobs.begin(study.title(), runs, background, studies::stop);
        String header = String.format(Locale.ROOT, "%s: %d configuration%s x %d seed%s = %d runs, %d at once", study.title(),
                study.trials().size(), study.trials().size() == 1 ? "" : "s", s.getInt("seeds"),
                s.getInt("seeds") == 1 ? "" : "s", runs, Math.min(parallel, runs));
        StudyPlan plan = new StudyPlan(s.getInt("seeds"), s.getDouble("target"), parallel, group);
        if (!background) {
            out.println(header + " (Ctrl-C stops them)");
            out.flush();
            try {
                return execute(study, plan, base, out, job);
            } finally {
                jobs.end(job);
            }
        }
        Thread thread = new Thread(() -> {
            try {
                execute(study, plan, base, out, job);
            } catch (IOException | RuntimeException | LinkageError e) {
                // one line, as at the prompt (a LinkageError: a bundle it needs went away meanwhile)
                out.println("error: " + study.kind() + " in the background: " + e.getMessage());
            } finally {
                jobs.end(job);
            }
        }, "ebp-study-background");
        thread.setDaemon(true);
        ProgressLine.commandOutput(session).println(header + ", in the background: status shows the progress, stop ends "
                + "the runs, wait waits for the table (it prints here and is saved as " + base.getFileName() + ".md)");
        thread.start();
        return null;
    }

    /** Runs the study, prints the run lines and the table, saves the files. */
    private StudyReport execute(Study study, StudyPlan plan, Path base, PrintStream out, StudyJobs.Job job)
            throws IOException {
        StudyReport report = studies.run(study, plan, new StudyListener() {
            @Override
            public void runFinished(int done, int total, Trial trial, int seed, RecipeResult result, double eta) {
                job.progress(done, total, eta);
                String how = result == null ? "failed" : result.completed() ? headline(result) : result.outcome();
                out.printf(Locale.ROOT, "run %d/%d  %s seed %d  %s  %.1f s  ETA %s%n", done, total, trial.label(), seed,
                        how, result == null ? 0 : result.wallSeconds(), Text.duration(eta));
                out.flush();
            }

            @Override
            public void message(String text) {
                out.println(text);
            }
        });
        // Ctrl-C stopped the runs and left the interrupt set; the table of what ended is still written
        boolean interrupted = Thread.interrupted();
        try {
            studies.table(report).forEach(out::println);
            List<Path> files = studies.save(report, base);
            out.println(savedLine(files, report.plan().group()));
            out.flush();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return report;
    }

    /** Which files were written: the charts only with the plots bundle, the PNG only where Java can draw text. */
    static String savedLine(List<Path> files, String group) {
        boolean svg = files.stream().anyMatch(f -> f.toString().endsWith(".svg"));
        boolean png = files.stream().anyMatch(f -> f.toString().endsWith(".png"));
        String charts = svg && png ? ", .svg and .png curves of seed 1"
                : svg ? ", .svg curves of seed 1; no .png: Java cannot draw text here (install a font, e.g. apt-get install "
                + "fonts-dejavu-core)"
                : "; no chart: the plots bundle (org.ebp.plots) is not installed or not started";
        return "saved " + files.get(0) + " (.md, .csv, .json" + charts + "); runs list shows the runs of group " + group;
    }

    /** Where a background study prints: the console's terminal, as train background=true. */
    private static PrintStream console(CommandSession session) {
        if (session != null && session.get(ProgressLine.TERMINAL_VARIABLE) instanceof PrintStream terminal) {
            return terminal;
        }
        return session == null || session.getConsole() == null ? System.out : session.getConsole();
    }

    private static String headline(RecipeResult r) {
        if (r.test() != null) {
            return Double.isNaN(r.test().accuracy()) ? String.format(Locale.ROOT, "test loss %.4g", r.test().loss())
                    : String.format(Locale.ROOT, "test error %.2f%%", 100 * (1 - r.test().accuracy()));
        }
        return Double.isNaN(r.train().accuracy()) ? String.format(Locale.ROOT, "train loss %.4g", r.train().loss())
                : String.format(Locale.ROOT, "train error %.2f%%", 100 * (1 - r.train().accuracy()));
    }

    static int parallel(String text) {
        if (text.equals("auto")) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= 256) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("parallel=" + org.ebp.io.Excerpt.of(text) + " must be auto or a number of runs "
                + "at once from 1 to 256, e.g. parallel=2");
    }

    private static Path base(CommandSession session, String out, String group) throws IOException {
        if (!out.equals("auto")) {
            return ShellPaths.resolve(session, out);
        }
        String home = System.getProperty("ebp.user.home", System.getProperty("user.home") + "/.ebp-workbench");
        Path folder = Path.of(home, "studies");
        Files.createDirectories(folder);
        return folder.resolve(group);
    }
}

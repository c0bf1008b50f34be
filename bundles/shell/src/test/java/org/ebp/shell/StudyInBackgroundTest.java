package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandSession;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.experiments.Studies;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyListener;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.StudyRow;
import org.ebp.api.experiments.Trial;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate background=true}: back at the prompt at once with how to follow it, {@code status}
 * shows its runs and ETA, a second study is refused in one line, {@code stop} ends it and its table
 * is printed and saved, and {@code wait} returns when it has been. The study service is a stand-in
 * that runs one "run" and then blocks until it is stopped (the real stop is StopStudyTest's).
 */
class StudyInBackgroundTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<String> calls = new ArrayList<>();
    private final List<Recipe> applied = new ArrayList<>();
    private PrintStream savedOut;
    private String savedHome;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        System.setOut(console);
        savedHome = System.getProperty("ebp.user.home");
        System.setProperty("ebp.user.home", home.toString());
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        if (savedHome == null) {
            System.clearProperty("ebp.user.home");
        } else {
            System.setProperty("ebp.user.home", savedHome);
        }
    }

    private final Studies studies = (Studies) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Studies.class}, (proxy, method, args) -> switch (method.getName()) {
                case "ablation" -> {
                    calls.add("ablation only=" + args[1] + " skip=" + args[2]);
                    Recipe r = (Recipe) args[0];
                    yield new Study("ablate", "ablate fake", List.of(new Trial("recipe", "", r), new Trial("class-sorted",
                            "sampler sequential", r)), List.of());
                }
                case "sweep" -> {
                    Recipe r = ((Recipe) args[0]).withComponent("optimizer", new Recipe.Step("sgd", Map.of("lr", "0.03")));
                    yield new Study("sweep", "sweep fake", List.of(new Trial("lr=0.03", "optimizer sgd lr=0.03", r)), List.of());
                }
                case "run" -> {
                    Study study = (Study) args[0];
                    StudyPlan plan = (StudyPlan) args[1];
                    if (study.kind().equals("sweep")) {
                        yield new StudyReport(study, plan, List.of(new StudyRow(study.trials().get(0), 1, 0.01, 0, 0.04, 0,
                                Double.NaN, 0, 1.0, List.of(), List.of())), "error", 1, 1, 1.0, 1, false);
                    }
                    ((StudyListener) args[2]).runFinished(1, 4, study.trials().get(0), 1, null, 30.0);
                    boolean stop = stopped.await(20, TimeUnit.SECONDS);
                    yield new StudyReport(study, plan, List.of(), "error", 1, 4, 1.0, plan.parallel(), stop);
                }
                case "stop" -> {
                    boolean was = stopped.getCount() > 0;
                    stopped.countDown();
                    yield was;
                }
                case "table" -> List.of(((StudyReport) args[0]).stopped() ? "the table, STOPPED before the end" : "the table");
                case "save" -> {
                    Path base = (Path) args[1];
                    yield List.of(base.resolveSibling(base.getFileName() + ".md"), base.resolveSibling(base.getFileName()
                            + ".csv"), base.resolveSibling(base.getFileName() + ".json"));
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final TrainingSession session = (TrainingSession) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {TrainingSession.class}, (proxy, method, args) -> switch (method.getName()) {
                case "stop" -> false;
                case "status" -> new SessionStatus("ready", "digits", Map.of(), List.of(), "64-30-10", 2230, Map.of(), 4, 5752,
                        null, Map.of());
                case "stepProgress" -> null;
                case "epochs" -> List.of();
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final Workbench workbench = (Workbench) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Workbench.class}, (proxy, method, args) -> {
                if (method.getName().equals("session")) {
                    return session;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private final RecipeRunner runner = (RecipeRunner) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {RecipeRunner.class}, (proxy, method, args) -> {
                if (method.getName().equals("runIn")) {
                    applied.add((Recipe) args[1]);
                    return List.of(new EpochReport(1, 1438, 0.9, "test", 0.7, 0.88, 0.03, 0.2));
                }
                if (method.getName().equals("recipeOf")) {
                    return new Recipe(new Recipe.Step("digits", Map.of()), null, List.of(), "64-30-10", Map.of(),
                            Map.of("optimizer", new Recipe.Step("sgd", Map.of())), 4, Map.of());
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private final CommandSession shell = (CommandSession) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {CommandSession.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getConsole" -> console;
                case "get" -> null;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBackgroundAblationReturnsAtOnceShowsInStatusRefusesASecondAndStopsWithItsTable() throws Exception {
        StudyJobs jobs = new StudyJobs();
        StudyCommands commands = new StudyCommands();
        set(commands, "workbench", workbench);
        set(commands, "runner", runner);
        set(commands, "studies", studies);
        set(commands, "jobs", jobs);
        RunCommands runs = new RunCommands();
        set(runs, "workbench", workbench);
        set(runs, "studies", jobs);
        TrainingCommands training = new TrainingCommands();
        set(training, "workbench", workbench);
        set(training, "studies", jobs);

        commands.ablate(shell, "background=true", "seeds=2", "parallel=2", "skip=no-annealing,logistic-units");
        assertEquals(List.of("ablation only=[] skip=[no-annealing, logistic-units]"), calls);
        assertTrue(printed().contains("ablate fake: 2 configurations x 2 seeds = 4 runs, 2 at once, in the background: "
                + "status shows the progress, stop ends the runs, wait waits for the table"), printed());
        assertTrue(jobs.backgroundRunning(), "the study goes on after the command returned");

        String runLine = "run 1/4  recipe seed 1  failed  0.0 s  ETA 30 s" + System.lineSeparator();
        for (int i = 0; i < 500 && !printed().contains(runLine); i++) {
            Thread.sleep(10); // the study's thread prints it
        }
        assertTrue(printed().contains(runLine), printed());
        training.status(shell);
        // the estimate made after run 1 (30 s), less the time since: at most 30 s
        assertTrue(java.util.regex.Pattern.compile("study:      ablate fake: 1 of 4 runs done, ETA (30|[12]?[0-9]) s, ")
                .matcher(printed()).find(), printed());
        assertTrue(printed().contains("(background; stop ends it)"), printed());
        runs.progress(shell);
        assertTrue(printed().contains("no background training run; the study: ablate fake: 1 of 4 runs done"), printed());

        IllegalStateException second = assertThrows(IllegalStateException.class, () -> commands.ablate(shell));
        assertTrue(second.getMessage().startsWith("a study is running already (ablate fake: 1 of 4 runs done"),
                second.getMessage());
        assertFalse(second.getMessage().contains("\n"), "one line");
        assertFalse(jobs.stopForeground(), "Ctrl-C at the prompt does not reach a study in the background");

        runs.stop(shell);
        assertTrue(printed().contains("stopping ablate fake: each run stops at its next step, the runs not started are "
                + "dropped; the table of the runs that ended prints here and is saved, marked STOPPED"), printed());
        assertFalse(printed().contains("no training is running"), printed());
        runs.awaitRun(10L);
        assertFalse(jobs.backgroundRunning());
        assertTrue(printed().contains("the table, STOPPED before the end"), printed());
        assertTrue(printed().contains("; no chart: the plots bundle (org.ebp.plots) is not installed or not started); runs list shows the "
                + "runs of group ablate-"), printed());
        assertNull(jobs.statusLine(), "status shows no study any more");
        runs.stop(shell);
        assertTrue(printed().endsWith("no training is running (and no ablate or sweep)" + System.lineSeparator()), printed());
    }

    @Test
    void sweepRefusesApplyBestInTheBackgroundBeforeAnythingRuns() throws Exception {
        StudyJobs jobs = new StudyJobs();
        StudyCommands commands = new StudyCommands();
        set(commands, "workbench", workbench);
        set(commands, "runner", runner);
        set(commands, "studies", studies);
        set(commands, "jobs", jobs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.sweep(shell, "optimizer", "sgd", "lr=0.01,0.1", "background=true", "apply=best"));
        assertTrue(e.getMessage().startsWith("apply=best trains this session afterwards, so it runs in the foreground"),
                e.getMessage());
        assertNull(jobs.statusLine());
    }

    @Test
    void applyBestTrainsTheBestRowInTheSessionAfterAForegroundSweep() throws Exception {
        StudyJobs jobs = new StudyJobs();
        StudyCommands commands = new StudyCommands();
        set(commands, "workbench", workbench);
        set(commands, "runner", runner);
        set(commands, "studies", studies);
        set(commands, "jobs", jobs);
        commands.sweep(shell, "optimizer", "sgd", "lr=0.01,0.03", "apply=best", "seeds=1");
        assertEquals(1, applied.size());
        assertEquals("0.03", applied.get(0).component("optimizer").settings().get("lr"));
        assertTrue(printed().contains("applying the best, lr=0.03, to this session (seed 1):"), printed());
        assertTrue(printed().contains("trained 1 epochs with optimizer sgd lr=0.03"), printed());
        assertNull(jobs.statusLine(), "the foreground study has ended");
    }

    @Test
    void ctrlCStopsAForegroundStudyOnlyAndASecondIsRefusedUntilTheFirstEnds() {
        StudyJobs jobs = new StudyJobs();
        List<String> stops = new ArrayList<>();
        StudyJobs.Job job = jobs.begin("sweep fake", 6, false, () -> stops.add("stop"));
        assertThrows(IllegalStateException.class, () -> jobs.begin("ablate other", 3, true, () -> true));
        assertTrue(jobs.statusLine().startsWith("sweep fake: 0 of 6 runs done, ETA after the first run, "), jobs.statusLine());
        assertTrue(jobs.stopForeground());
        assertEquals(List.of("stop"), stops);
        assertTrue(jobs.statusLine().contains("stopping at the runs' next step"), jobs.statusLine());
        jobs.end(job);
        assertNull(jobs.stop(), "nothing to stop");
        jobs.end(jobs.begin("ablate other", 3, true, () -> true));
    }

    @Test
    void savedLineSaysWhichChartsWereWrittenAndWhyNot() {
        Path md = Path.of("/h/s.md");
        List<Path> tables = List.of(md, Path.of("/h/s.csv"), Path.of("/h/s.json"));
        List<Path> all = new ArrayList<>(tables);
        all.add(Path.of("/h/s.svg"));
        assertTrue(StudyCommands.savedLine(all, "g").contains(".svg curves of seed 1; no .png: Java cannot draw text here"));
        all.add(Path.of("/h/s.png"));
        assertEquals("saved /h/s.md (.md, .csv, .json, .svg and .png curves of seed 1); runs list shows the runs of group g",
                StudyCommands.savedLine(all, "g"));
    }
}

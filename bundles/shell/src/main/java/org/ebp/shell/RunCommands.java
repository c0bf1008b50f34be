package org.ebp.shell;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.api.session.StepProgress;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Commands that control a training run in the background: {@code wait} (through {@link WaitCommand}), {@code stop},
 * {@code pause}, {@code resume}, {@code progress}, {@code history}. {@code train N background=true}
 * starts such a run through {@link #start}.
 */
@Component(service = {RunCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=stop",
        "osgi.command.function=pause",
        "osgi.command.function=resume",
        "osgi.command.function=progress",
        "osgi.command.function=history"})
public class RunCommands implements DeclaredCommands {

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("wait", null, "runs", "wait for the background run (or ablate/sweep) to end (Ctrl-C stops waiting, "
                            + "the run goes on)",
                    List.of(ArgSpec.free("[SECONDS]", "wait at most this long")), List.of()),
            CommandSpec.of("stop", null, "runs", "stop the running training at the next step boundary, keeping the weights, "
                            + "and a running ablate or sweep (its table of the runs that ended is printed and saved)",
                    List.of(), List.of()),
            CommandSpec.of("pause", null, "runs", "pause the running training at the next step boundary", List.of(), List.of()),
            CommandSpec.of("resume", null, "runs", "continue a paused training", List.of(), List.of()),
            CommandSpec.of("progress", null, "runs", "the latest progress lines of the background run; on/off: print "
                    + "them as they come or not", List.of(ArgSpec.choice("[on|off]", "", "on", "off")), List.of()),
            CommandSpec.of("history", null, "runs", "runs, swaps, refusals, pauses and resumes with their step numbers",
                    List.of(), List.of()));

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    /** Progress lines kept for {@code progress}. */
    static final int LOG_LINES = 200;

    @Reference
    private Workbench workbench;

    @Reference
    private StudyJobs studies;

    private final Object guard = new Object();
    /** The background run, or null; guarded by {@link #guard}. */
    private Run current;

    /** A run in the background: its future and the lines it printed. */
    private static final class Run implements TrainingListener {
        final TrainingSession session;
        final PrintStream console;
        final ArrayDeque<String> log = new ArrayDeque<>();
        volatile boolean echo = true;
        Future<List<EpochReport>> future;

        Run(TrainingSession session, PrintStream console) {
            this.session = session;
            this.console = console;
        }

        @Override
        public void epochFinished(EpochReport report) {
            line(Text.epoch(report));
        }

        @Override
        public void message(String text) {
            line(text);
        }

        void line(String text) {
            synchronized (log) {
                if (log.size() == LOG_LINES) {
                    log.removeFirst();
                }
                log.addLast(text);
            }
            if (echo) {
                // the console of the shell that started the run: lines appear as they come
                console.println(text);
                console.flush();
            }
        }

        List<String> lines() {
            synchronized (log) {
                return new ArrayList<>(log);
            }
        }
    }

    /** Starts {@code train} in the background and returns at once. */
    void start(CommandSession shell, int epochs, Map<String, String> settings) {
        TrainingSession session = workbench.session();
        Run run = new Run(session, shell.getConsole());
        synchronized (guard) {
            if (current != null && !current.future.isDone()) {
                throw new IllegalStateException("a training run is already going in the background; wait for it, or stop it "
                        + "first");
            }
            run.future = session.trainInBackground(epochs, settings, run);
            current = run;
        }
        System.out.println("training " + epochs + " epoch" + (epochs == 1 ? "" : "s") + " in the background; "
                + "progress prints here; wait, pause, resume, stop, status, history");
    }

    /**
     * Blocks until the background run ends and prints its summary, or until {@code seconds} passed
     * (null: no limit). Gogo reaches it through {@link WaitCommand}: a public method named
     * {@code wait} would compete with {@code Object.wait}.
     */
    void awaitRun(Long seconds) throws InterruptedException {
        Run run;
        synchronized (guard) {
            run = current;
        }
        PrintStream out = System.out;
        if (run == null) {
            if (studies.backgroundRunning()) {
                awaitStudy(seconds, out);
                return;
            }
            out.println("no background training run or study; start one with train N background=true (or ablate "
                    + "background=true)");
            return;
        }
        try {
            List<EpochReport> reports = seconds == null ? run.future.get() : run.future.get(seconds, TimeUnit.SECONDS);
            double total = reports.stream().mapToDouble(EpochReport::seconds).sum();
            out.printf("trained %d epoch%s in %.2f s%n", reports.size(), reports.size() == 1 ? "" : "s", total);
        } catch (TimeoutException e) {
            out.println("still training after " + seconds + " s (status shows where it is)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            synchronized (guard) {
                if (current == run && run.future.isDone()) {
                    current = null;
                }
            }
        }
    }

    /** {@code wait} for a background ablate or sweep: it returns once the table is printed and saved. */
    private void awaitStudy(Long seconds, PrintStream out) throws InterruptedException {
        if (!studies.await(seconds)) {
            out.println("the study is still running after " + seconds + " s (" + studies.statusLine() + ")");
        }
    }

    /** True while a background run has not ended. */
    public boolean running() {
        synchronized (guard) {
            return current != null && !current.future.isDone();
        }
    }

    @Descriptor("stop: stop the running training at the next step boundary (weights and state are kept) and a running "
            + "ablate or sweep (every run stops at its next step; the table of what ended is printed and saved); "
            + "stop ID... stops bundles as felix:stop does")
    public void stop(CommandSession shell, @Descriptor("bundle ids (optional)") String... bundles) throws Exception {
        if (bundles != null && bundles.length > 0) {
            shell.execute("felix:stop " + String.join(" ", bundles));
            return;
        }
        String study = studies.stop();
        if (study != null) {
            System.out.println(study);
        }
        TrainingSession session = workbench.session();
        if (session.stop()) {
            System.out.println("stopping at the next step boundary (status shows progress; wait returns when it has "
                    + "stopped)");
        } else if (study == null) {
            System.out.println("no training is running (and no ablate or sweep)");
        }
    }

    @Descriptor("pause: pause the running training at the next step boundary; resume continues it")
    public void pause(CommandSession shell) {
        System.out.println(workbench.session().pause() ? "pausing at the next step boundary; resume continues"
                : "no training is running");
    }

    @Descriptor("resume: continue a paused training")
    public void resume(CommandSession shell) {
        System.out.println(workbench.session().resume());
    }

    @Descriptor("progress [on|off]: the latest progress lines of the background run; on/off turns printing them "
            + "as they come on or off")
    public void progress(CommandSession shell, @Descriptor("on, off or nothing") String... mode) {
        Run run;
        synchronized (guard) {
            run = current;
        }
        PrintStream out = System.out;
        if (run == null) {
            String study = studies.statusLine();
            // a study prints its run lines as they come; its progress is the one line status shows too
            out.println(study == null ? "no background training run" : "no background training run; the study: " + study);
            return;
        }
        if (mode != null && mode.length > 0) {
            switch (mode[0]) {
                case "on" -> run.echo = true;
                case "off" -> run.echo = false;
                default -> throw new IllegalArgumentException("progress takes on, off or nothing, not '" + mode[0] + "'");
            }
            out.println("progress lines " + (run.echo ? "print as they come" : "are only kept for progress"));
            return;
        }
        List<String> lines = run.lines();
        for (String line : lines.subList(Math.max(0, lines.size() - 20), lines.size())) {
            out.println(line);
        }
        String curve = Sparkline.trainLoss(run.session.epochs());
        if (curve != null) {
            out.println(curve);
        }
        StepProgress now = run.session.stepProgress();
        out.println(run.future.isDone() ? "(the run has ended; wait prints its summary)"
                : now == null ? "(running)" : "(running: " + Text.stepProgress(now) + ")");
    }

    @Descriptor("history: the session's runs, swaps, refused swaps, pauses and resumes with their step numbers")
    public void history(CommandSession shell) {
        PrintStream out = System.out;
        List<SessionEvent> events = workbench.session().history();
        if (events.isEmpty()) {
            out.println("no history yet");
            return;
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
        for (SessionEvent e : events) {
            out.printf("%s  step %8d  epoch %4d  %-8s %s%n", time.format(Instant.ofEpochMilli(e.millis())), e.step(),
                    e.epoch(), e.kind(), e.text());
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (guard) {
            if (current != null) {
                current.echo = false;
            }
        }
    }
}

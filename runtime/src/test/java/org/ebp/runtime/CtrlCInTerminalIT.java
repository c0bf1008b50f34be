package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a user presses it: the assembled distribution runs in a pseudo-terminal (util-linux
 * {@code script}), so JLine sees a real terminal and the kernel's line discipline turns the byte
 * ^C into SIGINT for the workbench. A long foreground {@code train} stops at a step boundary,
 * keeps its weights and says so; the workbench still answers {@code status}, which shows the same
 * step, and trains on from there; ^C at the prompt ends nothing. Every wait is bounded; the
 * process is killed if it outlives the test.
 */
class CtrlCInTerminalIT {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>]|\r");

    @TempDir
    Path home;

    private Process process;
    private final StringBuffer screen = new StringBuffer();
    private OutputStream keys;

    @AfterEach
    void end() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlCStopsALongTrainAtAStepKeepsTheWeightsAndLeavesTheWorkbenchRunning() throws Exception {
        Path dist = Path.of(System.getProperty("ebp.dist", "target/ebp-workbench")).toAbsolutePath();
        assertTrue(Files.isExecutable(dist.resolve("bin/workbench")), "no distribution at " + dist + "; mvn package builds it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script (Debian package bsdutils) is not installed, so no "
                + "pseudo-terminal can be made; apt-get install bsdutils");
        start(dist);
        awaitText("g! ", BOOT);

        type("data load digits\r");
        sync();
        type("net in-30-out seed=1\r");
        sync();

        // Ctrl-C at the prompt drops the line and ends nothing
        type("status");
        ctrlC();
        int before = screen.length();
        type("status\r");
        sync();
        assertTrue(plain(screen.substring(before)).contains("state:      "), plain(screen.substring(before)));

        // long enough never to end by itself (digits online: well under a second an epoch)
        type("train 100000\r");
        awaitMatch(Pattern.compile("epoch +2 "), COMMAND);
        ctrlC();
        String stopped = awaitMatch(Pattern.compile("stopped at step (\\d+), in epoch (\\d+), after [0-9.]+ s \\(\\d+ of "
                + "100000 epochs asked for\\); the weights are kept, train continues from here"), COMMAND);
        Matcher m = Pattern.compile("stopped at step (\\d+), in epoch (\\d+)").matcher(stopped);
        assertTrue(m.find());
        long step = Long.parseLong(m.group(1));
        int epochs = Integer.parseInt(m.group(2));
        assertTrue(epochs >= 2, stopped);
        sync();

        // the workbench still answers, at the same step: nothing ran on, nothing was lost
        before = screen.length();
        type("status\r");
        sync();
        String status = plain(screen.substring(before));
        assertTrue(status.contains("progress:   epoch " + epochs + " done, step " + step),
                "status shows the step the run stopped at (" + step + "): " + status);

        // and training goes on from there
        before = screen.length();
        type("train 1\r");
        awaitText("trained 1 epoch in", COMMAND);
        String next = plain(screen.substring(before));
        assertTrue(Pattern.compile("epoch +" + (epochs + 1) + " +step").matcher(next).find(),
                "the next epoch is " + (epochs + 1) + ": " + next);
        sync();

        type("exit\r");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exit did not end the workbench: " + plain(screen.toString()));
        assertEquals(0, process.exitValue(), plain(screen.toString()));
    }

    /**
     * Issue 13: a study in the background is followed with status, is out of Ctrl-C's reach at the
     * prompt, refuses a second one, and ends with stop, its table printed and saved; a foreground one
     * ends with Ctrl-C the same way. The runs are too long to end by themselves.
     */
    @Test
    void aBackgroundAblationEndsWithStopAndAForegroundOneWithCtrlC() throws Exception {
        Path dist = Path.of(System.getProperty("ebp.dist", "target/ebp-workbench")).toAbsolutePath();
        assertTrue(Files.isExecutable(dist.resolve("bin/workbench")), "no distribution at " + dist + "; mvn package builds it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script (Debian package bsdutils) is not installed");
        start(dist);
        awaitText("g! ", BOOT);
        type("data load digits\r");
        type("data split train=0.8 test=0.2 seed=42\r");
        type("net 64-30-10 seed=1\r");
        sync();

        type("ablate epochs=100000 seeds=1 parallel=1 background=true out=" + home.resolve("bg") + "\r");
        awaitText("in the background: status shows the progress, stop ends the runs", COMMAND);
        sync();
        ctrlC(); // at the prompt: the study goes on
        int before = screen.length();
        type("status\r");
        sync();
        String status = plain(screen.substring(before));
        assertTrue(Pattern.compile("study: +ablate digits net 64-30-10 sgd, 100000 epochs: 0 of \\d+ runs done, ETA after the "
                + "first run, .* \\(background; stop ends it\\)").matcher(status).find(), status);
        type("ablate epochs=1 seeds=1\r");
        awaitText("error: a study is running already (ablate digits", COMMAND);
        before = screen.length();
        type("stop\r");
        awaitText("STOPPED before the end", COMMAND);
        awaitText("saved " + home.resolve("bg.md"), COMMAND);
        assertTrue(Files.exists(home.resolve("bg.csv")), "the table of the runs that ended is saved");
        sync();

        before = screen.length();
        type("ablate epochs=100000 seeds=1 parallel=1 out=" + home.resolve("fg") + "\r");
        awaitText("runs, 1 at once (Ctrl-C stops them)", COMMAND);
        ctrlC();
        awaitText("saved " + home.resolve("fg.md"), COMMAND);
        assertTrue(plain(screen.substring(before)).contains("STOPPED before the end"), plain(screen.substring(before)));
        sync();
        type("exit\r");
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exit did not end the workbench: " + plain(screen.toString()));
        assertEquals(0, process.exitValue(), plain(screen.toString()));
    }

    private int syncs;

    /** Waits until everything typed so far has run: a marker echoed after it comes out. */
    private void sync() throws IOException, InterruptedException {
        String marker = "sync-" + (++syncs);
        type("echo " + marker + "\r");
        awaitMatch(Pattern.compile("(?m)^" + marker + "\\s*$"), COMMAND);
    }

    /** The workbench in a pseudo-terminal of 120 x 40, with its own user home and a modest heap. */
    private void start(Path dist) throws IOException {
        String command = "stty cols 120 rows 40; exec " + dist.resolve("bin/workbench");
        ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", command, "/dev/null"));
        builder.environment().put("TERM", "xterm-256color");
        builder.environment().put("EBP_JAVA_OPTS", "-Xmx512m -Debp.user.home=" + home);
        builder.redirectErrorStream(true);
        process = builder.start();
        keys = process.getOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream()), "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            screen.append("\n[pty closed: ").append(e.getMessage()).append("]\n");
        }
    }

    private void type(String text) throws IOException, InterruptedException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        Thread.sleep(150); // as a person types: the line editor sees each key group on its own
    }

    /**
     * Ctrl-C as a person presses it, a moment after typing: the terminal turns the byte into
     * SIGINT. (Sent within a fraction of a second of the typed keys on a loaded machine, the line
     * editor was once still busy with them and the signal did not drop the line.)
     */
    private void ctrlC() throws IOException, InterruptedException {
        Thread.sleep(1000);
        type("\u0003");
        Thread.sleep(500);
    }

    private void awaitText(String text, Duration limit) throws InterruptedException {
        awaitMatch(Pattern.compile(Pattern.quote(text)), limit);
    }

    private String awaitMatch(Pattern pattern, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(plain(screen.toString()));
            if (m.find()) {
                return m.group();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("'" + pattern + "' did not appear within " + limit.toSeconds() + " s; the screen:\n"
                + plain(screen.toString()));
    }

    /** The screen without colours, cursor movement and carriage returns. */
    private static String plain(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

}

package org.ebp.runtime;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The workbench's {@code main}: starts Felix with the bundles of a feature and then either opens the
 * interactive Gogo shell or runs a Gogo script and exits with its status.
 *
 * <p>Plain Java on the classpath, not a bundle; it links only against the framework API and gson,
 * never against a bundle's classes (it finds services by class name and drives Gogo by reflection).
 * Exit status: 0 success, 1 a script command failed, 2 bad command line / feature / script file,
 * 3 the workbench did not start.
 */
public final class Launcher {

    /** How long the framework may take to stop before the process is halted. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /** Gogo's command search path: the workbench's commands win over same-named ones of other scopes. */
    static final String COMMAND_SCOPE_PATH = "ebp:gogo:*";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean debug = Boolean.getBoolean("ebp.debug");

    Launcher(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Without a terminal (scripts, CI) JLine falls back to a dumb one; this says it may, silently.
        System.setProperty("org.jline.terminal.dumb", "true");
        // JLine allows one system terminal per JVM. gogo.jline's activator opens one for a console that
        // the workbench does not use (its own console, in the shell bundle, asks for a provider by
        // name); a dumb one there leaves the real terminal free.
        System.setProperty("org.jline.terminal.provider", "dumb");
        // Raw streams on the process's file descriptors: Gogo replaces System.out with a stream that
        // forwards to the current session, and a session writing to that stream recurses.
        Charset charset = Charset.defaultCharset();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        // No display: plots draw with Java2D headless. slf4j's own notes ("no providers") are not for users.
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        int status = new Launcher(out, err).run(Arrays.asList(args));
        exit(status, err);
    }

    /** Runs the workbench for a command line; returns the exit status. */
    int run(List<String> args) {
        WorkbenchFramework framework = null;
        try {
            LaunchOptions options = LaunchOptions.parse(args, LaunchOptions.defaultTimeout());
            if (options.help()) {
                out.println(LaunchOptions.USAGE);
                return 0;
            }
            Distribution distribution = Distribution.locate();
            Feature feature = Feature.read(distribution.featureFile(options.feature()));
            List<ResolvedBundle> bundles = distribution.resolve(feature);
            List<ResolvedBundle> shell = gogoShell(distribution);
            // Everything a script needs is checked before the framework starts, so mistakes fail fast.
            List<ScriptCommand> commands = options.scripted() ? commands(options) : null;

            framework = WorkbenchFramework.start(frameworkProperties(distribution, options));
            WorkbenchFramework started = framework;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // Ctrl-C, or the normal exit after the framework already stopped: stop (if needed) and clean up.
                started.stop(STOP_TIMEOUT);
                started.deleteStorage();
            }, "ebp-shutdown"));

            // The shell's bundles come first: the ebp commands bundle wires its optional JLine imports
            // (the interactive console) only when JLine is there as it resolves.
            List<ResolvedBundle> all = new ArrayList<>(shell);
            all.addAll(bundles);
            // gogo.jline's terminal ignores SIGINT (it is meant for an interactive shell); a script keeps
            // the JVM's own handler, so Ctrl-C ends it with status 130 as before.
            InterruptSignal jvmDefault = InterruptSignal.current();
            framework.installAndStart(all);
            if (options.scripted()) {
                jvmDefault.restore();
            }
            return options.scripted() ? runScript(framework, options.readyTimeout(), commands)
                    : runInteractive(framework, options.readyTimeout());
        } catch (LaunchException e) {
            err.println("workbench: " + e.getMessage());
            if (debug && e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.exitStatus();
        } catch (ScriptSyntaxException e) {
            err.println("error: line " + e.command().line() + ": " + ScriptRunner.firstLine(e.command().text()) + ": "
                    + e.getMessage());
            return ScriptRunner.COMMAND_FAILED;
        } finally {
            if (framework != null && !framework.stop(STOP_TIMEOUT)) {
                err.println("workbench: the framework did not stop within " + STOP_TIMEOUT.toSeconds() + " s; halting");
                framework.deleteStorage();
                Runtime.getRuntime().halt(4);
            }
        }
    }

    private int runScript(WorkbenchFramework framework, Duration readyTimeout, List<ScriptCommand> commands)
            throws LaunchException {
        LauncherCommands launcherCommands = new LauncherCommands(() -> { });
        framework.registerCommands(launcherCommands, LauncherCommands.SCOPE, LauncherCommands.FUNCTIONS);
        // gogo.jline runs non-interactively here (see gosh.args), only to provide echo, each, if, grep...
        framework.awaitReady(readyTimeout);
        InputStream in = new FileInputStream(FileDescriptor.in);
        try (GogoSession session = GogoSession.open(framework.context(), in, out, err)) {
            session.put("SCOPE", COMMAND_SCOPE_PATH);
            // A script's output is a file or a pipe: grep and ls must not colour it.
            session.put("GREP_COLORS", "xx="); // a key grep never uses: no style at all
            session.put("LS_COLORS", "xx=");
            return new ScriptRunner(session, out, err, debug, launcherCommands, framework::isActive).run(commands);
        }
    }

    private int runInteractive(WorkbenchFramework framework, Duration readyTimeout) throws LaunchException {
        LauncherCommands launcherCommands = new LauncherCommands(framework::stopAsync);
        framework.registerCommands(launcherCommands, LauncherCommands.SCOPE, LauncherCommands.FUNCTIONS);
        try {
            framework.awaitReady(readyTimeout);
        } catch (LaunchException e) {
            // The shell is the place to find out what went wrong, so open it anyway.
            err.println("workbench: warning: " + e.getMessage());
        }
        try {
            framework.awaitStop(); // the console's exit and Ctrl-D stop the framework
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Integer requested = launcherCommands.requestedExitStatus();
        if (requested != null) {
            // The console may already have printed its next prompt; end that line for the user's shell.
            out.println();
        }
        return requested == null ? 0 : requested;
    }

    private List<ScriptCommand> commands(LaunchOptions options) throws LaunchException, ScriptSyntaxException {
        if (options.commands() != null) {
            return List.of(new ScriptCommand(1, options.commands()));
        }
        Path script = options.script().toAbsolutePath().normalize();
        if (Files.isDirectory(script)) {
            throw new LaunchException(LaunchException.CONFIGURATION, "script " + script + " is a folder, not a file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new LaunchException(LaunchException.CONFIGURATION, "script " + script + " does not exist");
        } catch (MalformedInputException e) {
            throw new LaunchException(LaunchException.CONFIGURATION, "script " + script + " is not UTF-8 text");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.CONFIGURATION, "cannot read script " + script + ": " + e.getMessage());
        }
        return GogoScript.parse(lines);
    }

    /**
     * Felix HTTP (the dashboard's web server) starts switched off and bound to 127.0.0.1, so that
     * nothing listens until {@code dashboard start} turns it on; and slf4j-api 2, Jetty's logging
     * API, demands a ServiceLoader mediator and a provider before it resolves. Without a provider
     * it discards Jetty's log (the dashboard reports its own errors), so the framework declares
     * both capabilities instead of installing a mediator to find none.
     */
    public static final Map<String, String> HTTP_PROPERTIES = Map.of(
            "org.apache.felix.http.enable", "false",
            "org.apache.felix.https.enable", "false",
            "org.apache.felix.http.host", "127.0.0.1",
            "org.osgi.framework.system.capabilities.extra",
            "osgi.extender;osgi.extender=\"osgi.serviceloader.processor\";version:Version=\"1.0.0\","
                    + "osgi.serviceloader;osgi.serviceloader=\"org.slf4j.spi.SLF4JServiceProvider\"");

    /** The framework configuration: locations, FileInstall, Gogo, and every {@code ebp.*} system property. */
    private static Map<String, String> frameworkProperties(Distribution distribution, LaunchOptions options) {
        Map<String, String> properties = new HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("ebp.")) {
                properties.put(name, System.getProperty(name));
            }
        }
        properties.put("ebp.home", distribution.home().toString());
        properties.put("felix.fileinstall.dir", distribution.pluginsDirectory().toString());
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.log.level", "1");
        // Only bundles and configurations; the README in plugins/ is not an artifact.
        properties.put("felix.fileinstall.filter", ".*\\.(jar|cfg|config)");
        properties.putAll(HTTP_PROPERTIES);
        // gogo.jline reads etc/gosh_profile from here (search path, prompt, welcome text).
        properties.put("gosh.home", distribution.home().toString());
        // gogo.jline only registers its commands and reads the profile; the interactive console is the
        // shell bundle's (line editing, completion, one-line errors, Ctrl-C), started by ebp.console.
        properties.put("gosh.args", "--nointeractive --noshutdown");
        properties.put("ebp.console", Boolean.toString(!options.scripted()));
        // JLine finds sun.misc.Signal by name: without it, Ctrl-C would end the JVM instead of the command.
        properties.put("org.osgi.framework.bootdelegation", "sun.misc");
        return properties;
    }

    /** The Gogo shell's bundles (JLine, gogo.jline), which the launcher adds itself; features do not list them. */
    private static List<ResolvedBundle> gogoShell(Distribution distribution) throws LaunchException {
        Properties launcher = new Properties();
        try (InputStream in = Launcher.class.getResourceAsStream("launcher.properties")) {
            if (in == null) {
                throw new LaunchException(LaunchException.CONFIGURATION, "launcher.properties is missing from the launcher jar");
            }
            launcher.load(in);
        } catch (IOException e) {
            throw new LaunchException(LaunchException.CONFIGURATION, "cannot read launcher.properties: " + e.getMessage());
        }
        List<ResolvedBundle> bundles = new ArrayList<>();
        for (String id : launcher.getProperty("gogo.shell", "").trim().split("\\s+")) {
            MavenCoordinates coordinates = MavenCoordinates.parse(id);
            Path jar = distribution.jarOf(coordinates);
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException(LaunchException.CONFIGURATION, "the Gogo shell's " + coordinates
                        + " is missing from the repository (expected " + jar + ")");
            }
            bundles.add(new ResolvedBundle(coordinates, 0, jar));
        }
        return bundles;
    }

    /** Exits with a watchdog: if shutdown hooks hang, the process is halted after the stop timeout. */
    private static void exit(int status, PrintStream err) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            err.println("workbench: shutdown took longer than " + STOP_TIMEOUT.toSeconds() + " s; halting");
            Runtime.getRuntime().halt(status);
        }, "ebp-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(status);
    }
}

package org.ebp.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * One run of Felix: a framework with its storage in a fresh temporary folder, the feature's bundles
 * installed and started, and the checks that tell when the workbench is usable.
 */
final class WorkbenchFramework {

    /** The service the engine registers once the workbench can take commands. */
    static final String WORKBENCH_SERVICE = "org.ebp.api.session.Workbench";
    /** Matches the shell bundle's command services. */
    static final String EBP_COMMANDS_FILTER = "(osgi.command.scope=ebp)";

    /** The bundle that registers the {@code ebp} commands. */
    static final String SHELL_BUNDLE = "org.ebp:org.ebp.shell";
    /** The bundle that registers the {@value #WORKBENCH_SERVICE}. */
    static final String ENGINE_BUNDLE = "org.ebp:org.ebp.engine";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final Framework framework;
    private final Path storage;
    private final List<Bundle> featureBundles = new ArrayList<>();
    private final List<String> startFailures = new ArrayList<>();
    private boolean expectsShellCommands;
    private boolean expectsWorkbench;

    private WorkbenchFramework(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /**
     * Creates and starts the framework (no bundles yet).
     *
     * @param properties framework properties on top of the storage settings
     */
    static WorkbenchFramework start(Map<String, String> properties) throws LaunchException {
        Path storage;
        try {
            storage = Files.createTempDirectory("ebp-felix-");
        } catch (IOException e) {
            throw new LaunchException(LaunchException.NOT_READY, "cannot create a temporary folder for the framework: "
                    + e.getMessage(), e);
        }
        Map<String, String> config = new HashMap<>(properties);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // The launcher stops the framework itself (and then deletes the storage) in its own hook.
        config.put("felix.shutdown.hook", "false");
        config.putIfAbsent("felix.log.level", "1");

        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!factories.hasNext()) {
            deleteRecursively(storage);
            throw new LaunchException(LaunchException.NOT_READY,
                    "no OSGi framework on the classpath; lib/ must hold org.apache.felix.framework");
        }
        Framework framework = factories.next().newFramework(config);
        try {
            framework.init();
            framework.start();
        } catch (BundleException | RuntimeException e) {
            deleteRecursively(storage);
            throw new LaunchException(LaunchException.NOT_READY, "the framework did not start: " + e.getMessage(), e);
        }
        return new WorkbenchFramework(framework, storage);
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    Framework framework() {
        return framework;
    }

    /**
     * Installs all bundles first, then starts them in order, so that resolution sees the whole set.
     * A bundle that does not start is remembered (see {@link #awaitReady}), not fatal here: in
     * interactive mode the user can still look at it from the shell.
     *
     * @throws LaunchException when a jar is not a valid bundle or clashes with another
     */
    void installAndStart(List<ResolvedBundle> bundles) throws LaunchException {
        for (ResolvedBundle bundle : bundles) {
            // A feature without the shell or the engine (a plugin author's minimal set) can still run
            // scripts; with them, their services are part of being ready.
            expectsShellCommands |= bundle.coordinates().key().equals(SHELL_BUNDLE);
            expectsWorkbench |= bundle.coordinates().key().equals(ENGINE_BUNDLE);
        }
        List<Bundle> installed = new ArrayList<>();
        for (ResolvedBundle bundle : bundles) {
            installed.add(install(bundle));
        }
        for (int i = 0; i < installed.size(); i++) {
            start(installed.get(i), bundles.get(i));
        }
    }

    private Bundle install(ResolvedBundle bundle) throws LaunchException {
        try {
            Bundle installed = context().installBundle(bundle.jar().toUri().toString());
            featureBundles.add(installed);
            return installed;
        } catch (BundleException | RuntimeException e) {
            throw new LaunchException(LaunchException.CONFIGURATION, "cannot install " + bundle.coordinates() + " from "
                    + bundle.jar() + ": " + e.getMessage(), e);
        }
    }

    private void start(Bundle bundle, ResolvedBundle source) {
        if (isFragment(bundle)) {
            return; // fragments attach to their host; they are never started
        }
        try {
            bundle.start();
        } catch (BundleException | RuntimeException e) {
            startFailures.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + source.coordinates()
                    + ") did not start: " + e.getMessage());
        }
    }

    /**
     * Waits until every bundle is active and the workbench's services are registered: the Gogo
     * command processor, the {@code ebp} shell commands and the {@value #WORKBENCH_SERVICE} (the
     * last two when the feature holds {@value #SHELL_BUNDLE} and {@value #ENGINE_BUNDLE}, as the
     * distribution's features do).
     *
     * @throws LaunchException (not-ready status) naming every bundle that failed and everything
     *                         still missing when the timeout passed
     */
    void awaitReady(Duration timeout) throws LaunchException {
        if (!startFailures.isEmpty()) {
            throw new LaunchException(LaunchException.NOT_READY, "the workbench cannot start: "
                    + String.join(System.lineSeparator() + "  ", startFailures));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> missing = notReady();
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchException(LaunchException.NOT_READY, "the workbench was not ready after " + timeout.toSeconds()
                        + " s: " + String.join("; ", missing)
                        + ". Start it without a script and use 'lb' and 'scr:info <component>' to see why.");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException(LaunchException.NOT_READY, "interrupted while waiting for the workbench");
            }
        }
    }

    /** What is not ready yet, as readable phrases; empty when the workbench is ready. */
    List<String> notReady() {
        List<String> missing = new ArrayList<>();
        for (Bundle bundle : featureBundles) {
            if (!isFragment(bundle) && bundle.getState() != Bundle.ACTIVE) {
                missing.add("bundle " + bundle.getSymbolicName() + " is " + stateName(bundle.getState()));
            }
        }
        BundleContext context = context();
        if (context.getServiceReference(GogoSession.COMMAND_PROCESSOR) == null) {
            missing.add("no " + GogoSession.COMMAND_PROCESSOR + " service (org.apache.felix.gogo.runtime)");
        }
        if (expectsShellCommands) {
            try {
                ServiceReference<?>[] commands = context.getServiceReferences((String) null, EBP_COMMANDS_FILTER);
                if (commands == null) {
                    missing.add("no service with " + EBP_COMMANDS_FILTER + " (the commands of org.ebp.shell)");
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("constant filter " + EBP_COMMANDS_FILTER + " is invalid", e);
            }
        }
        if (expectsWorkbench && context.getServiceReference(WORKBENCH_SERVICE) == null) {
            missing.add("no " + WORKBENCH_SERVICE + " service (org.ebp.engine)");
        }
        return missing;
    }

    /** Registers an object's public methods as Gogo commands; Gogo calls them by reflection. */
    void registerCommands(Object commands, String scope, String[] functions) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", scope);
        properties.put("osgi.command.function", functions);
        context().registerService(Object.class.getName(), commands, properties);
    }

    /** True while the framework runs (not yet stopping). */
    boolean isActive() {
        return framework.getState() == Bundle.ACTIVE || framework.getState() == Bundle.STARTING;
    }

    /** Blocks until the framework has stopped (for example by the shell's exit). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /**
     * Stops the framework from inside a shell command ({@code exit}). The stop runs on another thread
     * and the command returns at once: stopping the shell bundle interrupts the console, and a command still
     * waiting at that moment would be reported as interrupted.
     */
    void stopAsync() {
        Thread stopper = new Thread(this::requestStop, "ebp-framework-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void requestStop() {
        try {
            framework.stop();
        } catch (BundleException | RuntimeException e) {
            // Stopping is best effort; the launcher's watchdog ends the process if it hangs.
        }
    }

    /** Stops the framework and waits; returns false when it did not stop in time. */
    boolean stop(Duration timeout) {
        if (framework.getState() == Bundle.RESOLVED || framework.getState() == Bundle.INSTALLED
                || framework.getState() == Bundle.UNINSTALLED) {
            return true;
        }
        requestStop();
        try {
            return framework.waitForStop(timeout.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Deletes the framework's storage folder; best effort. */
    void deleteStorage() {
        deleteRecursively(storage);
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED (not resolved)";
            case Bundle.RESOLVED -> "RESOLVED (not started)";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "in state " + state;
        };
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temporary folder is harmless; never fail an exit because of it.
        }
    }
}

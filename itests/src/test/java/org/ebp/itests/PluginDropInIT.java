package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The example plugin (examples/plugin, built by runtime/bin/run-tests against the API from the
 * local repository) dropped into the folder FileInstall watches: its components appear, train a
 * network, and go away when the jar is deleted. Built to import the API as [1.0,2), it resolves
 * against the workbench's newer 1.x API packages.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginDropInIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    private static Path pluginJar() {
        Path jar = Path.of(System.getProperty("ebp.example.plugin", "../examples/plugin/target/org.ebp.examples.plugin-1.0.0.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the example plugin " + jar + " is not built; runtime/bin/run-tests builds it "
                    + "(or: mvn -f examples/plugin/pom.xml install)");
        }
        return jar;
    }

    private static boolean has(Workbench workbench, ComponentKind kind, String name) {
        return workbench.catalog().list(kind).stream().anyMatch(e -> e.name().equals(name));
    }

    @Test
    public void aDroppedPluginIsListedUsableAndGoneWhenDeleted() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        Path watched = Path.of(context.getProperty("felix.fileinstall.dir"));
        Path dropped = watched.resolve("org.ebp.examples.plugin-1.0.0.jar");
        Files.deleteIfExists(dropped);
        HotSwapIT.awaitTrue("no rprop before the drop", () -> !has(workbench, ComponentKind.OPTIMIZER, "rprop"));

        Files.copy(pluginJar(), watched.resolve("plugin.tmp"), StandardCopyOption.REPLACE_EXISTING);
        // a rename makes the jar appear whole: FileInstall never sees a half-copied file
        Files.move(watched.resolve("plugin.tmp"), dropped, StandardCopyOption.ATOMIC_MOVE);
        HotSwapIT.awaitTrue("rprop and elliott are listed", () -> has(workbench, ComponentKind.OPTIMIZER, "rprop")
                && has(workbench, ComponentKind.ACTIVATION, "elliott"));
        assertTrue(workbench.catalog().entry(ComponentKind.OPTIMIZER, "rprop").bundle().startsWith("org.ebp.examples.plugin"));

        // built against API 1.0 (import range [1.0,2)), wired to the workbench's API
        Bundle plugin = null;
        for (Bundle b : context.getBundles()) {
            if ("org.ebp.examples.plugin".equals(b.getSymbolicName())) {
                plugin = b;
            }
        }
        assertEquals(Bundle.ACTIVE, plugin.getState());
        for (BundleWire wire : plugin.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")) {
            String pkg = (String) wire.getCapability().getAttributes().get("osgi.wiring.package");
            if (pkg.startsWith("org.ebp.api")) {
                Version v = (Version) wire.getCapability().getAttributes().get("version");
                assertEquals(pkg + " comes from the API bundle", "org.ebp.api", wire.getProvider().getSymbolicName());
                assertTrue(pkg + " " + v + " is a 1.x API", v.getMajor() == 1);
                assertTrue(wire.getRequirement().getDirectives().get("filter"),
                        wire.getRequirement().getDirectives().get("filter").contains("(version>=1.0.0)"));
            }
        }

        TrainingSession session = workbench.newSession();
        session.loadData("digits", Map.of());
        session.split(Map.of("train", "0.8", "test", "0.2"));
        session.fitTransform("standardize", Map.of());
        session.createNetwork("in-30-out", Map.of("activation", "elliott", "seed", "1"));
        session.use(ComponentKind.OPTIMIZER, "rprop", Map.of());
        List<EpochReport> reports = session.train(10, Map.of("batch", "200"), null);
        double first = reports.get(0).trainLoss();
        double last = reports.get(reports.size() - 1).trainLoss();
        assertTrue("rprop with elliott learns: " + first + " -> " + last, last < 0.7 * first);
        assertTrue(session.status().network(), session.status().network().contains("elliott"));

        Files.delete(dropped);
        HotSwapIT.awaitTrue("rprop and elliott are gone", () -> !has(workbench, ComponentKind.OPTIMIZER, "rprop")
                && !has(workbench, ComponentKind.ACTIVATION, "elliott"));
    }

    /** The example plugin's jar with another Bundle-Version: "a newer build" of the same plugin. */
    private static void writeWithVersion(Path jar, String version, Path target) throws Exception {
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(jar))) {
            java.util.jar.Manifest manifest = new java.util.jar.Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(tmp), manifest)) {
                for (java.util.jar.JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private List<Bundle> examplePlugins() {
        return java.util.Arrays.stream(context.getBundles())
                .filter(b -> "org.ebp.examples.plugin".equals(b.getSymbolicName())).toList();
    }

    /** Issue #14, point 5: before, the second jar installed a second bundle and use picked the older. */
    @Test
    public void aNewerJarDroppedBesideTheInstalledOneUpdatesIt() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        Path watched = Path.of(context.getProperty("felix.fileinstall.dir"));
        Path older = watched.resolve("example-1.0.0.jar");
        Path newer = watched.resolve("example-1.0.1.jar");
        Path setAside = watched.resolve("example-1.0.0.jar.replaced");
        try {
            writeWithVersion(pluginJar(), "1.0.0", older);
            HotSwapIT.awaitTrue("rprop from 1.0.0", () -> has(workbench, ComponentKind.OPTIMIZER, "rprop"));
            writeWithVersion(pluginJar(), "1.0.1", newer);
            HotSwapIT.awaitTrue("the older jar set aside and its bundle gone", () -> Files.exists(setAside)
                    && examplePlugins().size() == 1);
            assertEquals(new Version(1, 0, 1), examplePlugins().get(0).getVersion());
            assertEquals("org.ebp.examples.plugin 1.0.1", workbench.catalog().entry(ComponentKind.OPTIMIZER, "rprop").bundle());
            assertTrue(Files.exists(newer));
            assertTrue(workbench.catalog().notices().toString(), workbench.catalog().notices().isEmpty());
        } finally {
            Files.deleteIfExists(newer);
            Files.deleteIfExists(older);
            Files.deleteIfExists(setAside);
            HotSwapIT.awaitTrue("the plugin is gone", () -> examplePlugins().isEmpty());
        }
    }
}

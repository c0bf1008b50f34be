package org.ebp.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebp.runtime.Feature;
import org.ebp.runtime.FeatureBundle;
import org.ebp.runtime.LaunchException;
import org.ebp.runtime.MavenCoordinates;
import org.ops4j.pax.exam.Option;

/**
 * pax-exam configuration for a workbench in the native container: the bundles a feature file lists
 * (the same files the distribution runs, filtered into {@code target/it-features}), installed from
 * the jars the build copied to {@code target/it-bundles}.
 *
 * <p>Runs outside the container (from {@code @Configuration} methods) only: it uses the launcher's
 * feature reader, which is not a bundle.
 */
public final class WorkbenchOptions {

    private WorkbenchOptions() {
    }

    /** The full workbench (features/workbench.json) plus JUnit, in a clean framework. */
    public static Option[] workbench() {
        return feature("workbench");
    }

    /** The bundles of {@code features/NAME.json} plus JUnit, in a clean framework. */
    public static Option[] feature(String name) {
        Path work = directory("ebp.itests.work", "target/it-work");
        Path plugins = work.resolve("plugins");
        try {
            Files.createDirectories(plugins);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + plugins, e);
        }
        List<Option> options = new ArrayList<>();
        options.add(junitBundles());
        options.add(cleanCaches());
        options.add(workingDirectory(work.resolve("paxexam").toString()));
        options.add(frameworkProperty("felix.log.level").value("1"));
        options.add(frameworkProperty("ebp.home").value(work.toString()));
        // run records and other kept files go to the test's own workbench home, never the user's
        options.add(systemProperty("ebp.user.home").value(work.resolve("user-home").toString()));
        // FileInstall would otherwise watch ./load in the module folder.
        options.add(frameworkProperty("felix.fileinstall.dir").value(plugins.toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("1000"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.log.level").value("1"));
        // as the launcher: the dashboard's web server off and on 127.0.0.1 until dashboard start
        org.ebp.runtime.Launcher.HTTP_PROPERTIES.forEach((k, v) -> options.add(frameworkProperty(k).value(v)));
        options.add(systemProperty("java.awt.headless").value("true"));
        options.add(systemProperty("slf4j.internal.verbosity").value("ERROR"));
        options.add(featureBundles(name));
        return options.toArray(Option[]::new);
    }

    /** One {@code bundle("file:...")} option per bundle of the feature, in start order. */
    public static Option featureBundles(String name) {
        Path file = directory("ebp.itests.features", "target/it-features").resolve(name + ".json");
        Feature feature;
        try {
            feature = Feature.read(file);
        } catch (LaunchException e) {
            throw new IllegalStateException(e.getMessage()
                    + " (the build copies ../features here in pre-integration-test; run the tests through Maven)", e);
        }
        List<Option> bundles = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (FeatureBundle bundle : feature.bundlesInStartOrder()) {
            Path jar = jarOf(bundle.coordinates());
            if (Files.isRegularFile(jar)) {
                bundles.add(bundle(jar.toUri().toString()));
            } else {
                missing.add(bundle.coordinates() + " (expected " + jar + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("features/" + name + ".json lists bundles that itests/pom.xml does not copy; add them "
                    + "to the it-bundles artifactItems: " + String.join("; ", missing));
        }
        return composite(bundles.toArray(Option[]::new));
    }

    /** Where dependency:copy puts an artifact: {@code artifactId-version[-classifier].extension}. */
    public static Path jarOf(MavenCoordinates coordinates) {
        String name = coordinates.artifactId() + "-" + coordinates.version()
                + (coordinates.classifier() == null ? "" : "-" + coordinates.classifier()) + "." + coordinates.extension();
        return directory("ebp.itests.bundles", "target/it-bundles").resolve(name);
    }

    private static Path directory(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}

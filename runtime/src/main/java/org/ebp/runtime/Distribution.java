package org.ebp.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of an assembled workbench: {@code features/} (feature files), {@code system/} (a
 * repository in Maven layout holding every bundle a feature names), {@code plugins/} (watched by
 * FileInstall) and {@code lib/} (the launcher's own classpath).
 */
public final class Distribution {

    private final Path home;

    public Distribution(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /**
     * The distribution this launcher runs from: the {@code ebp.home} system property when set (the
     * start script sets it), otherwise the parent of the {@code lib/} folder holding the launcher jar.
     */
    public static Distribution locate() throws LaunchException {
        String property = System.getProperty("ebp.home");
        if (property != null && !property.isBlank()) {
            return new Distribution(Path.of(property));
        }
        try {
            Path codeSource = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = Files.isDirectory(codeSource) ? codeSource : codeSource.getParent();
            return new Distribution(lib.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            throw new LaunchException(LaunchException.CONFIGURATION,
                    "cannot tell where the distribution is; set -Debp.home=<distribution folder>", e);
        }
    }

    public Path home() {
        return home;
    }

    public Path featuresDirectory() {
        return home.resolve("features");
    }

    public Path repository() {
        return home.resolve("system");
    }

    public Path pluginsDirectory() {
        return home.resolve("plugins");
    }

    /**
     * The feature file for a name or a path. A value with a path separator or ending in {@code .json}
     * is a path (relative to the working directory); anything else is a feature name, looked up as
     * {@code features/NAME.json} in the distribution.
     *
     * @throws LaunchException naming the feature and, for a name, the available ones
     */
    public Path featureFile(String nameOrPath) throws LaunchException {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new LaunchException(LaunchException.CONFIGURATION, "empty feature name; available features: "
                    + String.join(", ", availableFeatures()));
        }
        if (nameOrPath.contains("/") || nameOrPath.contains("\\") || nameOrPath.endsWith(".json")) {
            Path file = Path.of(nameOrPath).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new LaunchException(LaunchException.CONFIGURATION, "feature file " + file + " does not exist");
            }
            return file;
        }
        Path file = featuresDirectory().resolve(nameOrPath + ".json");
        if (!Files.isRegularFile(file)) {
            List<String> available = availableFeatures();
            throw new LaunchException(LaunchException.CONFIGURATION, "unknown feature '" + nameOrPath + "' (no file " + file
                    + "); available features: " + (available.isEmpty() ? "none" : String.join(", ", available)));
        }
        return file;
    }

    /** Names of the feature files in {@code features/}, sorted. */
    public List<String> availableFeatures() {
        if (!Files.isDirectory(featuresDirectory())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(featuresDirectory())) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The repository's jar for one artifact. */
    public Path jarOf(MavenCoordinates coordinates) {
        return coordinates.pathIn(repository());
    }

    /**
     * The jars of every bundle of a feature, in start order.
     *
     * @throws LaunchException naming every bundle whose jar the repository lacks, and where it looked
     */
    public List<ResolvedBundle> resolve(Feature feature) throws LaunchException {
        List<ResolvedBundle> resolved = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (FeatureBundle bundle : feature.bundlesInStartOrder()) {
            Path jar = jarOf(bundle.coordinates());
            if (Files.isRegularFile(jar)) {
                resolved.add(new ResolvedBundle(bundle.coordinates(), bundle.startOrder(), jar));
            } else {
                missing.add(bundle.coordinates() + " (expected " + jar + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new LaunchException(LaunchException.CONFIGURATION, "feature " + feature.id() + " names "
                    + (missing.size() == 1 ? "a bundle" : missing.size() + " bundles") + " missing from the repository "
                    + repository() + ": " + String.join("; ", missing));
        }
        return resolved;
    }
}

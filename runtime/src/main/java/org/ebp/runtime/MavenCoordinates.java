package org.ebp.runtime;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maven coordinates as the OSGi feature specification writes bundle and feature ids
 * (Compendium 159.2.1): {@code groupId:artifactId[:type[:classifier]]:version}.
 *
 * @param type       the packaging type, {@code jar} when not given
 * @param classifier the classifier, or null
 */
public record MavenCoordinates(String groupId, String artifactId, String type, String classifier, String version) {

    /** Characters a coordinate part may hold; excludes separators and anything that escapes a directory. */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.+-]+");

    public MavenCoordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Parses {@code groupId:artifactId:version}, {@code groupId:artifactId:type:version} or
     * {@code groupId:artifactId:type:classifier:version}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static MavenCoordinates parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty id; expected groupId:artifactId:version");
        }
        String[] parts = text.trim().split(":", -1);
        for (String part : parts) {
            if (part.isEmpty() || !PART.matcher(part).matches() || part.equals("..") || part.equals(".")) {
                throw new IllegalArgumentException("id '" + text + "' has an empty or invalid part '" + part
                        + "'; expected groupId:artifactId[:type[:classifier]]:version with letters, digits, '.', '_', '-'");
            }
        }
        return switch (parts.length) {
            case 3 -> new MavenCoordinates(parts[0], parts[1], "jar", null, parts[2]);
            case 4 -> new MavenCoordinates(parts[0], parts[1], parts[2], null, parts[3]);
            case 5 -> new MavenCoordinates(parts[0], parts[1], parts[2], parts[3], parts[4]);
            default -> throw new IllegalArgumentException("id '" + text + "' has " + parts.length
                    + " parts; expected groupId:artifactId:version or groupId:artifactId:type:classifier:version");
        };
    }

    /** File extension of the artifact: Maven stores type {@code bundle} as a jar. */
    public String extension() {
        return type.equals("bundle") ? "jar" : type;
    }

    /** Where a Maven-layout repository rooted at {@code repository} keeps this artifact. */
    public Path pathIn(Path repository) {
        Path dir = repository;
        for (String segment : groupId.split("\\.")) {
            dir = dir.resolve(segment);
        }
        String file = artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + extension();
        return dir.resolve(artifactId).resolve(version).resolve(file);
    }

    /** {@code groupId:artifactId}, the identity of an artifact regardless of version. */
    public String key() {
        return groupId + ":" + artifactId;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(groupId).append(':').append(artifactId);
        if (classifier != null) {
            text.append(':').append(type).append(':').append(classifier);
        } else if (!type.equals("jar")) {
            text.append(':').append(type);
        }
        return text.append(':').append(version).toString();
    }
}

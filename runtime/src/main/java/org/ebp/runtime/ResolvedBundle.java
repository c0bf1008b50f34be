package org.ebp.runtime;

import java.nio.file.Path;

/** A feature's bundle together with the jar that the distribution's repository holds for it. */
public record ResolvedBundle(MavenCoordinates coordinates, int startOrder, Path jar) {
}

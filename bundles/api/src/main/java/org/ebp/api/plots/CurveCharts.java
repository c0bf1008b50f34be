package org.ebp.api.plots;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebp.api.session.EpochReport;
import org.osgi.annotation.versioning.ProviderType;

/** Training curves of several runs as one figure, the one {@code plot curves} draws. Thread-safe. */
@ProviderType
public interface CurveCharts {

    /**
     * Writes the curves (training loss, evaluated loss and accuracy per epoch, one colour per run, a
     * legend with the names) to {@code file}, atomically; the format is the file's extension.
     *
     * @param curves legend name to epoch reports, oldest first, in the legend's order
     * @return the path written
     * @throws IllegalArgumentException when the extension is neither .png nor .svg
     * @throws IllegalStateException    in one line when Java cannot draw here (e.g. no fonts for a PNG)
     */
    Path write(Path file, Map<String, List<EpochReport>> curves, int width, int height) throws IOException;
}

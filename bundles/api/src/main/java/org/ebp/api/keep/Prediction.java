package org.ebp.api.keep;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.ebp.api.session.EvaluationDetail;

/**
 * What {@link ModelKeeping#predict} did: the file it wrote, what it says about it, and, when the
 * new data came with labels or targets, how well the network did on it.
 *
 * @param written the CSV file written (symbolic links resolved)
 * @param lines   what to show: the data read, the transforms applied, the columns written
 * @param scored  loss and accuracy (classification) or loss and R^2 (regression) on the new data,
 *                with the confusion matrix for classes; null when the data has no answers
 * @since 1.1
 */
public record Prediction(Path written, List<String> lines, EvaluationDetail scored) {

    public Prediction {
        Objects.requireNonNull(written, "written");
        lines = List.copyOf(lines);
    }
}

package org.ebp.api.data;

import java.util.Map;
import java.util.Objects;
import org.ebp.api.component.State;

/**
 * A transform fitted on a training set: the transform's name, its settings, the widths it maps
 * between, and its learned values as plain named data (e.g. {@code mean}, {@code scale},
 * {@code components}), so that it serialises to JSON and applies to any set of the same width.
 *
 * @param transform   name of the {@link DataTransform} that fitted it and applies it
 * @param settings    its settings as text
 * @param inputWidth  features it expects
 * @param outputWidth features it produces
 * @param values      the learned values
 * @param report      one or more lines for the user (e.g. "2 zero-variance features kept at 0")
 */
public record FittedTransform(String transform, Map<String, String> settings, int inputWidth, int outputWidth,
                              State values, String report) {
    public FittedTransform {
        Objects.requireNonNull(transform);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(values);
        report = report == null ? "" : report;
    }
}

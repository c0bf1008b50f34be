package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;
import org.ebp.io.Excerpt;

/**
 * Fits a transform on a session's training set and applies it to every split (section 1.4.3:
 * fitted on the training set only, applied to every set), building a new {@link SessionData}
 * without touching the old one, so a chain of steps can be committed all at once or not at all.
 *
 * <p>Memory: each step replaces the transformed splits; the previous step's copies become
 * garbage as soon as the caller drops the previous value. Only the loaded set (one float copy)
 * and the latest transformed splits stay alive.
 */
final class TransformSteps {

    /** The data after a step, and the lines reported to the user. */
    record Step(SessionData data, List<String> lines) {
    }

    /** The paper's order (section 1.4.3, fig. 3): mean cancellation, KL expansion, covariance equalisation. */

    private TransformSteps() {
    }

    /**
     * Fits transforms one after another, each on the training set as the previous ones left it.
     *
     * @return the data after the last one, and the lines of every step
     */
    static Step fitAll(SessionData current, List<DataTransform> components, List<Settings> settings,
                       ComputeService compute) {
        SessionData next = current;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < components.size(); i++) {
            Step applied = fit(next, components.get(i), settings.get(i), compute);
            next = applied.data();
            lines.addAll(applied.lines());
        }
        return new Step(next, lines);
    }

    /**
     * Applies the fitted transforms read from {@code file}, in order, without refitting.
     *
     * @return the data after the last one, and the lines of every step
     */
    static Step applyAll(SessionData current, List<DataTransform> components, List<FittedTransform> chain,
                         ComputeService compute, java.nio.file.Path file) {
        SessionData next = current;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            Step applied;
            try {
                applied = apply(next, components.get(i), chain.get(i), compute,
                        "loaded " + chain.get(i).transform() + " from " + file + " (" + chain.get(i).inputWidth() + " -> "
                                + chain.get(i).outputWidth() + " features); applied to "
                                + (next.isSplit() ? String.join(", ", next.splits().keySet()) : "the whole set"));
            } catch (RuntimeException e) {
                // the saved values come from a file: a transform that cannot use them (a missing or short
                // array, found by JsonFormatsFuzzTest) means a damaged file, not a broken transform
                throw new IllegalArgumentException(file + ": transform " + (i + 1) + " (" + chain.get(i).transform()
                        + ") cannot use its saved values (" + Excerpt.of(String.valueOf(e.getMessage()), 200)
                        + "); the file is damaged or from another version: fit the transform again", e);
            }
            next = applied.data();
            lines.addAll(applied.lines());
        }
        return new Step(next, lines);
    }

    /** Fits {@code component} on the training set of {@code current} and applies it everywhere. */
    static Step fit(SessionData current, DataTransform component, Settings validated, ComputeService compute) {
        Dataset fitOn = current.trainingSet();
        FittedTransform fitted = component.fit(fitOn, validated, compute);
        if (fitted == null) {
            throw new IllegalStateException("transform '" + component.name() + "' returned nothing from fit");
        }
        String described = validated.toString().isEmpty() ? component.name() : component.name() + " " + validated;
        String first = "fitted " + described + " on " + (current.isSplit() ? "train" : "the whole set") + " ("
                + fitOn.size() + " examples); applied to "
                + (current.isSplit() ? String.join(", ", current.splits().keySet()) : "the whole set");
        return apply(current, component, fitted, compute, first);
    }

    /**
     * Applies an already fitted transform (read from a file) to every split.
     *
     * @throws IllegalArgumentException when it was fitted on another width than the data has now
     */
    static Step apply(SessionData current, DataTransform component, FittedTransform fitted, ComputeService compute,
                      String firstLine) {
        if (!fitted.transform().equals(component.name())) {
            throw new IllegalArgumentException("the fitted transform belongs to '" + fitted.transform() + "', not to '"
                    + component.name() + "'");
        }
        int width = current.featureWidth();
        if (fitted.inputWidth() != width) {
            throw new IllegalArgumentException("transform '" + component.name() + "' was fitted on " + fitted.inputWidth()
                    + " features but the data has " + width + " now" + (current.transforms().isEmpty() ? ""
                    : " (after " + current.transforms().size() + " transform(s); 'transform clear' removes them)")
                    + "; fit it on this data instead, e.g. transform " + component.name());
        }
        LinkedHashMap<String, Dataset> transformed = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset> e : current.splits().entrySet()) {
            transformed.put(e.getKey(), checked(component, fitted, e.getValue(), compute).renamed(e.getKey()));
        }
        Dataset whole = current.isSplit() ? null
                : checked(component, fitted, current.whole(), compute).renamed(current.base().name());
        SessionData next = current.withTransform(new SessionData.AppliedTransform(component.name(), component, fitted),
                transformed, whole);
        List<String> lines = new ArrayList<>();
        lines.add(firstLine);
        if (fitted.outputWidth() != fitted.inputWidth()) {
            lines.add("features: " + fitted.inputWidth() + " -> " + fitted.outputWidth());
        }
        for (String line : fitted.report().split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return new Step(next, lines);
    }

    private static Dataset checked(DataTransform component, FittedTransform fitted, Dataset d, ComputeService compute) {
        Dataset out = component.apply(fitted, d, compute);
        if (out == null || out.size() != d.size() || out.features() != fitted.outputWidth()) {
            throw new IllegalStateException("transform '" + component.name() + "' returned "
                    + (out == null ? "nothing" : out.size() + " x " + out.features()) + " for '" + d.name() + "' ("
                    + d.size() + " x " + d.features() + "), expected " + d.size() + " x " + fitted.outputWidth());
        }
        return out;
    }
}

package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.engine.data.InputSpectrum;

/**
 * The text of {@code data describe} and {@code transform list}: sizes, class counts, feature
 * statistics, the input spectrum and the fitted transforms of a session's data. Reads the data
 * only; the session calls it with its lock held.
 */
final class DataDescription {

    private DataDescription() {
    }

    /**
     * Describes one split (or the whole set) of {@code current}.
     *
     * @param compute the compute service for the input spectrum, or a supplier of null when none is installed
     */
    static List<String> describe(SessionData current, String split, Supplier<ComputeService> compute) {
        Dataset d = current.part(split);
        String label = split == null || split.isBlank() || split.trim().equals(SessionData.ALL)
                ? SessionData.ALL + " (" + current.base().name() + ")" : split.trim();
        List<String> lines = new ArrayList<>();
        lines.add(label + ": " + d.size() + " examples x " + d.features() + " features, "
                + (d.hasLabels() ? d.classCount() + " classes" : d.targetCount() + " targets"));
        if (d.hasLabels()) {
            int[] counts = d.classCounts();
            StringBuilder b = new StringBuilder("class counts:");
            for (int c = 0; c < counts.length; c++) {
                b.append(' ').append(d.classNames().get(c)).append('=').append(counts[c]);
            }
            lines.add(b.toString());
        }
        lines.addAll(featureStatistics(d));
        if (!current.transforms().isEmpty()) {
            lines.add("transforms: " + String.join(", ", transformNames(current)));
        }
        lines.addAll(InputSpectrum.lines(d, compute.get()));
        return lines;
    }

    /** The fitted transforms of {@code data} (null when none is loaded), one line each: name, settings, widths. */
    static List<String> transforms(SessionData data) {
        List<String> lines = new ArrayList<>();
        if (data == null || data.transforms().isEmpty()) {
            lines.add("no transforms fitted" + (data == null ? "" : "; the data is as loaded (" + data.featureWidth()
                    + " features)"));
            return lines;
        }
        int i = 1;
        for (SessionData.AppliedTransform t : data.transforms()) {
            String text = settingsText(t.fitted().settings());
            lines.add(i++ + ". " + t.name() + (text.isEmpty() ? "" : " " + text) + ": " + t.fitted().inputWidth() + " -> "
                    + t.fitted().outputWidth() + " features");
        }
        lines.add("fitted on " + (data.isSplit() ? "train (" + data.rawSplits().get(SessionData.TRAIN).size() + " examples)"
                : "the whole set (" + data.base().size() + " examples)") + "; applied to "
                + (data.isSplit() ? String.join(", ", data.splits().keySet()) : "the whole set"));
        return lines;
    }

    /** Ranges over the features of the per-feature mean and (population) variance. */
    static List<String> featureStatistics(Dataset d) {
        int n = d.size();
        int width = d.features();
        if (n == 0) {
            return List.of("no examples");
        }
        double[] mean = new double[width];
        double[] m2 = new double[width];
        for (int i = 0; i < n; i++) {
            // Welford's update: stable for features with a large mean
            for (int j = 0; j < width; j++) {
                double x = d.feature(i, j);
                double delta = x - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (x - mean[j]);
            }
        }
        double minMean = Double.POSITIVE_INFINITY;
        double maxMean = Double.NEGATIVE_INFINITY;
        double minVar = Double.POSITIVE_INFINITY;
        double maxVar = Double.NEGATIVE_INFINITY;
        int constant = 0;
        for (int j = 0; j < width; j++) {
            double variance = m2[j] / n;
            minMean = Math.min(minMean, mean[j]);
            maxMean = Math.max(maxMean, mean[j]);
            minVar = Math.min(minVar, variance);
            maxVar = Math.max(maxVar, variance);
            if (variance == 0) {
                constant++;
            }
        }
        return List.of("feature means: " + Formats.number(minMean) + " .. " + Formats.number(maxMean),
                "feature variances: " + Formats.number(minVar) + " .. " + Formats.number(maxVar)
                        + (constant > 0 ? " (" + constant + " constant feature" + (constant > 1 ? "s" : "") + ")" : ""));
    }

    static List<String> transformNames(SessionData d) {
        List<String> names = new ArrayList<>();
        for (SessionData.AppliedTransform t : d.transforms()) {
            String settings = settingsText(t.fitted().settings());
            names.add(settings.isEmpty() ? t.name() : t.name() + " " + settings);
        }
        return names;
    }

    static String settingsText(Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(settings).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }
}

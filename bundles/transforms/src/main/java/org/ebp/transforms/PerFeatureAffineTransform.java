package org.ebp.transforms;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;

/**
 * A transform that maps every feature on its own, {@code z_i = (x_i - mean_i) * scale_i}, with
 * {@code mean} and {@code scale} learned on the training set (section 1.4.3: mean cancellation and
 * covariance equalisation). The fitted values are the {@link State} arrays {@code mean} and
 * {@code scale}; subclasses decide what they are.
 *
 * <p>Arithmetic is in double; the result is stored as float like every dataset. Needs no
 * {@link ComputeService}.
 */
abstract class PerFeatureAffineTransform implements DataTransform {

    static final String MEAN = "mean";
    static final String SCALE = "scale";

    /** Longest list of feature indices a report spells out; the rest is counted. */
    private static final int LISTED_FEATURES = 20;

    /** The values subtracted from each feature: the training mean, or zeros. */
    abstract double[] offsets(FeatureMoments moments);

    /** The factors applied after the offset. */
    abstract double[] scales(FeatureMoments moments, Settings settings);

    /** The lines of the report, given the fitted values. */
    abstract String report(Dataset train, FeatureMoments moments, Settings settings);

    @Override
    public FittedTransform fit(Dataset train, Settings settings, ComputeService compute) {
        FeatureMoments moments = FeatureMoments.of(train, name());
        State values = new State()
                .putArray(MEAN, offsets(moments))
                .putArray(SCALE, scales(moments, settings));
        int d = train.features();
        return new FittedTransform(name(), settings.asText(), d, d, values, report(train, moments, settings));
    }

    @Override
    public Dataset apply(FittedTransform fitted, Dataset data) {
        double[] mean = fittedArray(fitted, MEAN);
        double[] scale = fittedArray(fitted, SCALE);
        int d = fitted.inputWidth();
        if (data.features() != d) {
            throw new IllegalArgumentException("transform '" + name() + "' was fitted on " + d + " features; this data has "
                    + data.features());
        }
        int n = data.size();
        float[] row = new float[d];
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            data.copyRow(i, row, 0);
            int base = i * d;
            for (int j = 0; j < d; j++) {
                out[base + j] = (float) ((row[j] - mean[j]) * scale[j]);
            }
        }
        return data.withFeatures(data.name(), out, d, data.featureNames());
    }

    /**
     * The named array of a fitted transform, checked: a transform read back from a file might
     * come from another component or be damaged.
     */
    private double[] fittedArray(FittedTransform fitted, String key) {
        if (!fitted.transform().equals(name())) {
            throw new IllegalArgumentException("this fitted transform belongs to '" + fitted.transform() + "', not to '" + name()
                    + "'; apply it with '" + fitted.transform() + "'");
        }
        int d = fitted.inputWidth();
        double[] values = fitted.values().array(key);
        if (values == null || values.length != d || d != fitted.outputWidth()) {
            throw new IllegalArgumentException("fitted transform '" + name() + "' needs a '" + key + "' array of " + d
                    + " values and equal input and output widths; it is damaged, fit it again");
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(values[j])) {
                throw new IllegalArgumentException("fitted transform '" + name() + "' has " + values[j] + " in '" + key
                        + "' at feature " + j + "; it is damaged, fit it again");
            }
        }
        return values;
    }

    /** The indices of the features that are constant on the training set. */
    static List<Integer> constantFeatures(FeatureMoments moments) {
        List<Integer> found = new ArrayList<>();
        for (int j = 0; j < moments.features(); j++) {
            if (moments.constant(j)) {
                found.add(j);
            }
        }
        return found;
    }

    /** "feature 3" or "features 0, 32, 39", listing at most {@value #LISTED_FEATURES}. */
    static String featureList(List<Integer> features) {
        StringBuilder b = new StringBuilder(features.size() == 1 ? "feature " : "features ");
        for (int k = 0; k < Math.min(features.size(), LISTED_FEATURES); k++) {
            b.append(k == 0 ? "" : ", ").append(features.get(k));
        }
        if (features.size() > LISTED_FEATURES) {
            b.append(", ... (").append(features.size()).append(" in all)");
        }
        return b.toString();
    }

    /** "has" or "have", to agree with {@link #featureList}. */
    static String has(List<Integer> features) {
        return features.size() == 1 ? "has" : "have";
    }
}

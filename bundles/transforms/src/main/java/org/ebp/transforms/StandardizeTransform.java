package org.ebp.transforms;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.osgi.service.component.annotations.Component;

/**
 * Mean cancellation and covariance equalisation (section 1.4.3, fig. 3 without the
 * decorrelation): {@code z_i = (x_i - mean_i) * sqrt(target / C_i)} with
 * {@code C_i = (1/P) sum_p (x_i^p - mean_i)^2} (eq 13 of the centred input), so every feature
 * has mean 0 and covariance {@code target} on the training set; target 1 suits the recommended
 * sigmoid of section 1.4.4, whose useful range is then covered without saturation.
 *
 * <p>A feature with zero variance on the training set gets factor 0: it is 0 on the training set
 * after centring and stays 0 on every other set, rather than passing through unscaled.
 */
@Component(service = DataTransform.class, property = {"ebp.kind=transform", "ebp.name=standardize"})
public final class StandardizeTransform extends PerFeatureAffineTransform {

    static final String TARGET = "target";

    private static final List<ParameterSpec> PARAMETERS = List.of(targetParameter());

    /** The {@code target} setting shared with {@link ScaleTransform}. */
    static ParameterSpec targetParameter() {
        return ParameterSpec.real(TARGET, 1.0, 1e-6, 1e6,
                "covariance (mean square, eq 13) every feature gets on the training set; its square root is the standard deviation");
    }

    @Override
    public String name() {
        return "standardize";
    }

    @Override
    public String description() {
        return "centre every feature and scale it to covariance target (eq 13): mean 0, variance 1 by default";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    double[] offsets(FeatureMoments moments) {
        return moments.mean.clone();
    }

    @Override
    double[] scales(FeatureMoments moments, Settings settings) {
        double target = settings.getDouble(TARGET);
        double[] scale = new double[moments.features()];
        for (int j = 0; j < scale.length; j++) {
            scale[j] = moments.constant(j) ? 0 : Math.sqrt(target / moments.variance[j]);
        }
        return scale;
    }

    @Override
    String report(Dataset train, FeatureMoments moments, Settings settings) {
        String first = "standardize: " + moments.features() + " features to mean 0 and covariance (eq 13) "
                + settings.getDouble(TARGET) + ", fitted on " + train.name() + " (" + moments.rows + " rows)";
        List<Integer> constant = constantFeatures(moments);
        if (constant.isEmpty()) {
            return first;
        }
        return first + "\n" + featureList(constant) + " " + has(constant) + " zero variance on the training set; kept at 0";
    }
}

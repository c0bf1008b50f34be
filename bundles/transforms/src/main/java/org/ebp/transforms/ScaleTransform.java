package org.ebp.transforms;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.osgi.service.component.annotations.Component;

/**
 * Covariance equalisation without centring (section 1.4.3): {@code z_i = x_i * sqrt(target / C_i)}
 * with {@code C_i = (1/P) sum_p (x_i^p)^2} (eq 13, of the input as it is), so that every feature's
 * covariance C_i becomes {@code target}. Used after a transform that already centred, or when the
 * inputs' means should stay. A feature that is zero in every training row stays 0.
 */
@Component(service = DataTransform.class, property = {"ebp.kind=transform", "ebp.name=scale"})
public final class ScaleTransform extends PerFeatureAffineTransform {

    private static final List<ParameterSpec> PARAMETERS = List.of(StandardizeTransform.targetParameter());

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String description() {
        return "divide every feature by its root mean square so that its covariance (eq 13) equals target; no centring";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    double[] offsets(FeatureMoments moments) {
        return new double[moments.features()];
    }

    @Override
    double[] scales(FeatureMoments moments, Settings settings) {
        double target = settings.getDouble(StandardizeTransform.TARGET);
        double[] scale = new double[moments.features()];
        for (int j = 0; j < scale.length; j++) {
            // Eq 13 without centring: C_j = mean of squares; an all-zero feature keeps factor 0.
            scale[j] = moments.allZero(j) ? 0 : Math.sqrt(target / moments.meanSquare[j]);
        }
        return scale;
    }

    @Override
    String report(Dataset train, FeatureMoments moments, Settings settings) {
        StringBuilder b = new StringBuilder("scale: " + moments.features() + " features to covariance (mean square, eq 13) "
                + settings.getDouble(StandardizeTransform.TARGET) + ", fitted on " + train.name() + " (" + moments.rows + " rows)");
        List<Integer> zero = new ArrayList<>();
        List<Integer> constant = new ArrayList<>();
        for (int j = 0; j < moments.features(); j++) {
            if (moments.allZero(j)) {
                zero.add(j);
            } else if (moments.constant(j)) {
                constant.add(j);
            }
        }
        if (!zero.isEmpty()) {
            b.append('\n').append(featureList(zero)).append(' ').append(zero.size() == 1 ? "is" : "are")
                    .append(" 0 in every training row; kept at 0");
        }
        if (!constant.isEmpty()) {
            b.append('\n').append(featureList(constant)).append(' ').append(has(constant))
                    .append(" zero variance on the training set (constant, not 0); use standardize to centre them to 0");
        }
        return b.toString();
    }
}

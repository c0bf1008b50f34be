package org.ebp.transforms;

import java.util.Arrays;
import java.util.List;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.osgi.service.component.annotations.Component;

/**
 * Mean cancellation (section 1.4.3, first step of fig. 3): {@code z_i = x_i - mean_i}, with the
 * mean taken over the training set. Inputs whose average is far from zero bias every weight
 * update of the first layer in one direction, which slows learning; centred inputs do not.
 */
@Component(service = DataTransform.class, property = {"ebp.kind=transform", "ebp.name=center"})
public final class CenterTransform extends PerFeatureAffineTransform {

    @Override
    public String name() {
        return "center";
    }

    @Override
    public String description() {
        return "subtract the training mean of every feature (mean cancellation, section 1.4.3)";
    }

    @Override
    double[] offsets(FeatureMoments moments) {
        return moments.mean.clone();
    }

    @Override
    double[] scales(FeatureMoments moments, Settings settings) {
        double[] ones = new double[moments.features()];
        Arrays.fill(ones, 1.0);
        return ones;
    }

    @Override
    String report(Dataset train, FeatureMoments moments, Settings settings) {
        String first = "center: subtracted the mean of " + moments.features() + " features, fitted on " + train.name()
                + " (" + moments.rows + " rows)";
        List<Integer> constant = constantFeatures(moments);
        if (constant.isEmpty()) {
            return first;
        }
        return first + "\n" + featureList(constant) + " " + has(constant)
                + " zero variance on the training set; 0 after centring (they carry no information)";
    }
}

package org.ebp.initializers;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.ParameterLayout.Segment;

/**
 * Zero-mean draws whose standard deviation depends on the layer's size: normal with standard
 * deviation gain * sigma, or uniform on [-sqrt(3) gain sigma, sqrt(3) gain sigma], which has the
 * same standard deviation (eq 16). Subclasses choose sigma.
 */
abstract class VarianceScalingInitializer extends SegmentInitializer {

    static final String DISTRIBUTION = "distribution";
    static final String NORMAL = "normal";
    static final String UNIFORM = "uniform";
    static final String GAIN = "gain";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice(DISTRIBUTION, NORMAL, List.of(NORMAL, UNIFORM),
                    "normal N(0, sigma^2) or uniform U[-sqrt(3) sigma, sqrt(3) sigma], same sigma"),
            ParameterSpec.real(GAIN, 1.0, 1e-3, 100.0, "multiplies sigma"),
            BIASES_SPEC);

    /** The standard deviation before the gain, for the layer whose weight segment is given. */
    abstract double sigma(Segment weights);

    @Override
    public final List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    final Spread weightSpread(ParameterLayout layout, Segment weights, Settings settings) {
        return Spread.withStandardDeviation(isNormal(settings), settings.getDouble(GAIN) * sigma(weights));
    }

    @Override
    final Spread unitSpread(Settings settings) {
        return Spread.withStandardDeviation(isNormal(settings), 1.0);
    }

    private static boolean isNormal(Settings settings) {
        return NORMAL.equals(settings.getString(DISTRIBUTION));
    }
}

package org.ebp.initializers;

import org.ebp.api.model.Initializer;
import org.ebp.api.model.ParameterLayout.Role;
import org.ebp.api.model.ParameterLayout.Segment;
import org.osgi.service.component.annotations.Component;

/**
 * Glorot and Bengio (2010): sigma^2 = 2 / (fan_in + fan_out), a compromise that keeps the variance
 * of both the forward activations and the backward gradients about constant across layers. Not in
 * the 1998 chapter; offered for comparison with {@code fan-in}. For a weight segment, fan-in is
 * its columns (the layer's inputs, without the bias) and fan-out its rows (the layer's units).
 */
@Component(service = Initializer.class, property = {"ebp.kind=initializer", "ebp.name=" + GlorotInitializer.NAME})
public final class GlorotInitializer extends VarianceScalingInitializer {

    static final String NAME = "glorot";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Glorot: sigma = gain * sqrt(2 / (fan-in + fan-out)), normal or uniform; not from the paper";
    }

    /**
     * sqrt(2 / (cols + rows)). A layer without a weight segment (bias only) uses the segment's
     * fan-in instead of its single column.
     */
    @Override
    double sigma(Segment weights) {
        int fanIn = weights.role() == Role.WEIGHTS ? weights.cols() : weights.fanIn();
        return Math.sqrt(2.0 / (fanIn + weights.rows()));
    }
}

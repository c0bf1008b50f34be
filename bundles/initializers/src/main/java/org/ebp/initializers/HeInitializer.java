package org.ebp.initializers;

import org.ebp.api.model.Initializer;
import org.ebp.api.model.ParameterLayout.Segment;
import org.osgi.service.component.annotations.Component;

/**
 * He et al. (2015): sigma = sqrt(2 / m), m the fan-in (bias included). Twice LeCun's variance, to
 * make up for the half of its inputs that a rectifier zeroes; meant for {@code relu} layers. Not in
 * the 1998 chapter; offered for comparison.
 */
@Component(service = Initializer.class, property = {"ebp.kind=initializer", "ebp.name=" + HeInitializer.NAME})
public final class HeInitializer extends VarianceScalingInitializer {

    static final String NAME = "he";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "He: sigma = gain * sqrt(2 / fan-in), normal or uniform, for relu layers; not from the paper";
    }

    @Override
    double sigma(Segment weights) {
        return Math.sqrt(2.0 / weights.fanIn());
    }
}

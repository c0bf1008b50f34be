package org.ebp.initializers;

import org.ebp.api.model.Initializer;
import org.ebp.api.model.ParameterLayout.Segment;
import org.osgi.service.component.annotations.Component;

/**
 * LeCun's initialization (section 1.4.6, eqs 15-16): zero mean and sigma_w = m^(-1/2), where m is
 * the fan-in of the unit (bias included, {@link Segment#fanIn()}). With normalized inputs and the
 * sigmoid 1.7159 tanh(2x/3), each unit's input sum then has unit standard deviation, which puts
 * the sigmoid in its linear region at the start: gradients are large enough to learn, and the
 * error surface is not as flat as near zero weights.
 */
@Component(service = Initializer.class, property = {"ebp.kind=initializer", "ebp.name=" + FanInInitializer.NAME})
public final class FanInInitializer extends VarianceScalingInitializer {

    static final String NAME = "fan-in";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LeCun: sigma = gain / sqrt(fan-in), normal or uniform (sec. 1.4.6, eqs 15-16)";
    }

    /** Eq 15: sigma_w = m^(-1/2). */
    @Override
    double sigma(Segment weights) {
        return 1.0 / Math.sqrt(weights.fanIn());
    }
}

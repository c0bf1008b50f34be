package org.ebp.activations;

import org.ebp.api.component.Settings;
import org.ebp.api.model.Activation;
import org.ebp.api.model.TargetCoding;
import org.osgi.service.component.annotations.Component;

/**
 * Targets off = -1, on = +1: the recommendation of section 1.4.5 for the sigmoid
 * 1.7159 tanh(2x/3), whose second derivative is largest near f = +-1. Refuses an output activation
 * that cannot reach -1 and +1 (they must lie strictly inside its range): for plain tanh they are
 * the asymptotes, which would drive the weights to grow without bound and saturate the units.
 */
@Component(service = TargetCoding.class, property = {"ebp.kind=target-coding", "ebp.name=" + PlusMinusOneCoding.NAME})
public final class PlusMinusOneCoding implements TargetCoding {

    static final String NAME = "pm1";

    private static final Levels LEVELS = new Levels(-1.0, 1.0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "targets -1/+1, the paper's choice for scaled-tanh outputs (sec. 1.4.5)";
    }

    /**
     * @throws IllegalArgumentException when -1 or +1 is not strictly inside the activation's range
     */
    @Override
    public Levels levels(Activation output, Settings settings) {
        ActivationRange.require(output, NAME);
        if (!ActivationRange.strictlyInside(output, -1.0) || !ActivationRange.strictlyInside(output, 1.0)) {
            throw new IllegalArgumentException("target coding 'pm1' needs -1 and +1 strictly inside the range of the"
                    + " output activation, but " + ActivationRange.describe(output) + " cannot reach both;"
                    + " use target coding 'max-curvature' or 'low-high' with it, or the output activation 'scaled-tanh'");
        }
        return LEVELS;
    }
}

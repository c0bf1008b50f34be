package org.ebp.activations;

import org.ebp.api.component.Settings;
import org.ebp.api.model.Activation;
import org.ebp.api.model.TargetCoding;
import org.osgi.service.component.annotations.Component;

/**
 * Targets off = 0, on = 1: class probabilities, meant for a softmax (or logistic) output with the
 * cross-entropy loss. There the targets may equal the bounds of the range: cross-entropy's
 * gradient y - t vanishes only in the limit and does not push weights to grow without bound the
 * way squared error at an asymptote does (section 1.4.5). So this coding accepts any activation
 * whose closed range contains 0 and 1.
 */
@Component(service = TargetCoding.class, property = {"ebp.kind=target-coding", "ebp.name=" + OneHotCoding.NAME})
public final class OneHotCoding implements TargetCoding {

    static final String NAME = "one-hot";

    private static final Levels LEVELS = new Levels(0.0, 1.0);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "targets 0/1 (class probabilities), for softmax or logistic outputs with cross-entropy";
    }

    /**
     * @throws IllegalArgumentException when 0 or 1 lies outside the activation's closed range
     */
    @Override
    public Levels levels(Activation output, Settings settings) {
        ActivationRange.require(output, NAME);
        if (output.lowerBound() > 0.0 || output.upperBound() < 1.0) {
            throw new IllegalArgumentException("target coding 'one-hot' needs 0 and 1 within the range of the output"
                    + " activation, but " + ActivationRange.describe(output) + " does not contain both;"
                    + " use target coding 'max-curvature' or 'low-high' with it, or the output activation 'softmax'");
        }
        return LEVELS;
    }
}

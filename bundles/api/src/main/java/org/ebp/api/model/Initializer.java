package org.ebp.api.model;

import java.util.SplittableRandom;
import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Draws initial weights (section 1.4.6). Registered with {@code ebp.kind=initializer}.
 * Every draw comes from the given random stream, which the session seeds and records.
 */
@ConsumerType
public interface Initializer extends Component {

    /**
     * Fills {@code w[segment.offset() .. segment.end())}.
     *
     * @param layout  the whole layout, for initializers that need fan-out or other layers
     * @param segment the block to fill
     * @param random  the initialisation stream
     */
    void initialize(ParameterLayout layout, ParameterLayout.Segment segment, double[] w,
                    SplittableRandom random, Settings settings);
}

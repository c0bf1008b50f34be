package org.ebp.api.model;

import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How class labels become target vectors (section 1.4.5): one-of-N with an "off" and an "on"
 * value chosen for the output activation. Registered with {@code ebp.kind=target-coding}.
 */
@ConsumerType
public interface TargetCoding extends Component {

    /** Target values for one-of-N coding. */
    record Levels(double off, double on) {
    }

    /**
     * The levels to use with this output activation. The engine refuses levels that the
     * activation cannot reach (outside its open range).
     *
     * @throws IllegalArgumentException when this coding cannot work with that activation
     */
    Levels levels(Activation output, Settings settings);

    /** Writes the target row of class {@code label} among {@code classes}. */
    default void encode(int label, int classes, Levels levels, double[] target, int off) {
        for (int c = 0; c < classes; c++) {
            target[off + c] = c == label ? levels.on() : levels.off();
        }
    }
}

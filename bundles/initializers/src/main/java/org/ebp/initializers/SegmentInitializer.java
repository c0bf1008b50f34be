package org.ebp.initializers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.model.Initializer;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.ParameterLayout.Segment;

/**
 * What every initializer here does with each kind of segment:
 * <ul>
 *   <li>WEIGHTS: random draws with the spread the subclass chooses;</li>
 *   <li>BIASES: zero unless {@code biases=random}; then drawn like the weights of the same layer
 *       (a bias is a weight from a constant input, which eqs 15-16 count in the fan-in m);</li>
 *   <li>CENTERS (RBF units, section 1.4.8): drawn with unit variance, the variance of normalized
 *       inputs (section 1.4.3), so that they start among the data until clustering moves them;</li>
 *   <li>WIDTHS (RBF sigma_i): 1, the standard deviation of normalized inputs.</li>
 * </ul>
 * Only {@code w[segment.offset() .. segment.end())} is written, and every draw comes from the
 * random stream passed in, so a recorded seed repeats a run exactly.
 */
abstract class SegmentInitializer implements Initializer {

    static final String BIASES = "biases";
    static final String ZERO = "zero";
    static final String RANDOM = "random";

    static final ParameterSpec BIASES_SPEC = ParameterSpec.choice(BIASES, ZERO, List.of(ZERO, RANDOM),
            "zero: biases start at 0; random: drawn like the layer's weights");

    /** The spread of this layer's weights; {@code weights} is the layer's weight segment. */
    abstract Spread weightSpread(ParameterLayout layout, Segment weights, Settings settings);

    /** The spread of unit variance used for RBF centres, in this initializer's distribution. */
    abstract Spread unitSpread(Settings settings);

    @Override
    public final void initialize(ParameterLayout layout, Segment segment, double[] w, SplittableRandom random,
                                 Settings settings) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(settings, "settings");
        if (!layout.segments().contains(segment)) {
            throw new IllegalArgumentException("initializer '" + name() + "': segment '" + segment.name()
                    + "' is not part of the layout; pass a segment from layout.segments()");
        }
        if (segment.end() > w.length) {
            throw new IllegalArgumentException("initializer '" + name() + "': segment '" + segment.name() + "' ends at "
                    + segment.end() + " but the parameter vector has length " + w.length
                    + "; allocate layout.size() = " + layout.size() + " parameters");
        }
        int from = segment.offset();
        int to = segment.end();
        switch (segment.role()) {
            case WEIGHTS -> weightSpread(layout, segment, settings).fill(w, from, to, random);
            case BIASES -> {
                if (RANDOM.equals(settings.getString(BIASES))) {
                    weightSpread(layout, weightsOfLayer(layout, segment), settings).fill(w, from, to, random);
                } else {
                    Arrays.fill(w, from, to, 0.0);
                }
            }
            case CENTERS -> unitSpread(settings).fill(w, from, to, random);
            case WIDTHS -> Arrays.fill(w, from, to, 1.0);
            default -> throw new IllegalArgumentException("initializer '" + name() + "' does not know segment role "
                    + segment.role() + " of '" + segment.name() + "'");
        }
    }

    /** The weight segment of the bias segment's layer, or the bias segment itself if there is none. */
    private static Segment weightsOfLayer(ParameterLayout layout, Segment biases) {
        for (Segment s : layout.segments()) {
            if (s.layer() == biases.layer() && s.role() == ParameterLayout.Role.WEIGHTS) {
                return s;
            }
        }
        return biases;
    }
}

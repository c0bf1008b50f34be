package org.ebp.initializers;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.model.Initializer;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.ParameterLayout.Segment;
import org.osgi.service.component.annotations.Component;

/**
 * Weights drawn from U[-r, r] with the same r in every layer, whatever its fan-in: the naive
 * baseline that section 1.4.6 improves on. With small r the error surface is flat near the origin
 * (section 1.4.4) and learning starts slowly; with many inputs, a fixed r saturates the units.
 */
@Component(service = Initializer.class, property = {"ebp.kind=initializer", "ebp.name=" + UniformInitializer.NAME})
public final class UniformInitializer extends SegmentInitializer {

    static final String NAME = "uniform";
    static final String RANGE = "range";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real(RANGE, 0.05, 1e-9, 100.0, "half-width r of U[-r, r], the same in every layer"),
            BIASES_SPEC);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "U[-r, r] with a fixed r in every layer: the naive baseline (sec. 1.4.6)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    Spread weightSpread(ParameterLayout layout, Segment weights, Settings settings) {
        return Spread.uniform(settings.getDouble(RANGE));
    }

    @Override
    Spread unitSpread(Settings settings) {
        return Spread.uniform(Spread.SQRT3);
    }
}

package org.ebp.activations;

import java.util.List;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.model.Activation;
import org.ebp.api.model.TargetCoding;
import org.osgi.service.component.annotations.Component;

/**
 * Targets placed inside the output range, away from the asymptotes (section 1.4.5). For a bounded
 * range (a, b), {@code low} and {@code high} are fractions of it: off = a + low (b - a),
 * on = a + high (b - a); with the defaults 0.1 and 0.9 that is the classic {0.1, 0.9} for the
 * logistic and {-0.8, 0.8} for tanh. For a range with an infinite end, {@code low} and {@code high}
 * are the target values themselves and must lie strictly inside the range.
 */
@Component(service = TargetCoding.class, property = {"ebp.kind=target-coding", "ebp.name=" + LowHighCoding.NAME})
public final class LowHighCoding implements TargetCoding {

    static final String NAME = "low-high";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("low", 0.1, Double.NaN, Double.NaN,
                    "off target: fraction of a bounded output range (0<low<high<1), else the value itself"),
            ParameterSpec.real("high", 0.9, Double.NaN, Double.NaN,
                    "on target: fraction of a bounded output range (0<low<high<1), else the value itself"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "targets at fractions low/high of the output range, 0.1/0.9 for logistic (sec. 1.4.5)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /**
     * @throws InvalidSettingException  when low &gt;= high, or for a bounded range when the fractions
     *                                  are not inside (0, 1)
     * @throws IllegalArgumentException when, for a range with an infinite end, a level is not
     *                                  strictly inside it
     */
    @Override
    public Levels levels(Activation output, Settings settings) {
        ActivationRange.require(output, NAME);
        double low = settings.getDouble("low");
        double high = settings.getDouble("high");
        if (!(low < high)) {
            throw new InvalidSettingException("'low-high' settings low=" + low + " high=" + high
                    + " must satisfy low < high; for example low=0.1 high=0.9");
        }
        if (ActivationRange.bounded(output)) {
            if (!(low > 0.0 && high < 1.0)) {
                throw new InvalidSettingException("'low-high' settings low=" + low + " high=" + high
                        + " are fractions of the range of the bounded output activation " + ActivationRange.describe(output)
                        + " and must satisfy 0 < low < high < 1 so that the targets stay off the asymptotes;"
                        + " for example low=0.1 high=0.9");
            }
            double a = output.lowerBound();
            double width = output.upperBound() - a;
            return new Levels(a + low * width, a + high * width);
        }
        if (!ActivationRange.strictlyInside(output, low) || !ActivationRange.strictlyInside(output, high)) {
            throw new IllegalArgumentException("'low-high' targets low=" + low + " high=" + high
                    + " must lie strictly inside the range of the output activation " + ActivationRange.describe(output)
                    + "; choose values inside it");
        }
        return new Levels(low, high);
    }
}

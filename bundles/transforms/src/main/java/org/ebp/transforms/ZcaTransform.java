package org.ebp.transforms;

import java.util.List;
import java.util.Locale;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.osgi.service.component.annotations.Component;

/**
 * Zero-phase (Mahalanobis) whitening: {@code whiten}, then rotated back onto the input axes,
 * {@code z = V diag(sqrt(target / lambda)) V' (x - mean)} with the eigen-pairs (lambda, V) of
 * the training covariance (eq 13). Of all whitening matrices it moves the inputs least, so a
 * pixel stays a (decorrelated) pixel; the covariance is {@code target} times the identity on the
 * kept directions, exactly as after {@code whiten} (section 1.4.3, fig. 3). Directions dropped
 * by {@code tolerance} (linearly dependent inputs) are set to 0 rather than blown up.
 */
@Component(service = DataTransform.class, property = {"ebp.kind=transform", "ebp.name=zca"})
public final class ZcaTransform extends DecorrelatingTransform {

    private static final List<ParameterSpec> PARAMETERS = whiteningParameters();

    /** For DS. */
    public ZcaTransform() {
    }

    /** Outside a framework: the service that does the linear algebra, or null. */
    ZcaTransform(ComputeService compute) {
        super(compute);
    }

    @Override
    public String name() {
        return "zca";
    }

    @Override
    public String description() {
        return "whiten, then rotate back onto the input axes (ZCA): covariance target x identity, inputs keep their meaning";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    double componentScale(double variance, Settings settings) {
        return whiteningScale(variance, settings);
    }

    @Override
    boolean rotatesBack() {
        return true;
    }

    @Override
    String whatItDoes(Settings settings) {
        return String.format(Locale.ROOT, "centred, whitened to covariance %s and rotated back onto the input axes",
                settings.getDouble(StandardizeTransform.TARGET));
    }
}

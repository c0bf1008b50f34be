package org.ebp.transforms;

import java.util.List;
import java.util.Locale;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.osgi.service.component.annotations.Component;

/**
 * The full input transform of section 1.4.3, fig. 3: mean cancellation, KL decorrelation, then
 * covariance equalisation, {@code z_r = sqrt(target / lambda_r) * v_r' (x - mean)}, so that the
 * components are uncorrelated with covariance (eq 13) {@code target} each on the training set.
 * Dropping near-zero directions first ({@code tolerance}) keeps their noise from being blown up.
 */
@Component(service = DataTransform.class, property = {"ebp.kind=transform", "ebp.name=whiten"})
public final class WhitenTransform extends DecorrelatingTransform {

    private static final List<ParameterSpec> PARAMETERS = whiteningParameters();

    /** For DS. */
    public WhitenTransform() {
    }

    /** Outside a framework: the service that does the linear algebra, or null. */
    WhitenTransform(ComputeService compute) {
        super(compute);
    }

    @Override
    public String name() {
        return "whiten";
    }

    @Override
    public String description() {
        return "centre, decorrelate (PCA) and scale every component to covariance target: section 1.4.3, fig. 3";
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
    String whatItDoes(Settings settings) {
        return String.format(Locale.ROOT, "centred, rotated and scaled to covariance %s", settings.getDouble(StandardizeTransform.TARGET));
    }
}

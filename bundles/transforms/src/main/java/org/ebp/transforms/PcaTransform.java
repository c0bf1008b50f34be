package org.ebp.transforms;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.osgi.service.component.annotations.Component;

/**
 * Principal component analysis: mean cancellation followed by Karhunen-Loeve decorrelation
 * (section 1.4.3, fig. 3, first two steps). The components keep their variances (the
 * eigenvalues); {@code whiten} also equalises them.
 */
@Component(service = DataTransform.class, property = {"ebp.kind=transform", "ebp.name=pca"})
public final class PcaTransform extends DecorrelatingTransform {

    private static final List<ParameterSpec> PARAMETERS = commonParameters();

    /** For DS. */
    public PcaTransform() {
    }

    /** Outside a framework: the service that does the linear algebra, or null. */
    PcaTransform(ComputeService compute) {
        super(compute);
    }

    @Override
    public String name() {
        return "pca";
    }

    @Override
    public String description() {
        return "centre and rotate onto the principal axes of the training covariance (KL decorrelation, section 1.4.3)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    double componentScale(double variance, Settings settings) {
        return 1.0;
    }

    @Override
    String whatItDoes(Settings settings) {
        return "centred and rotated";
    }
}

package org.ebp.optim.second;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.Optimizer;
import org.osgi.service.component.annotations.Component;

/**
 * Gauss-Newton (eq 46): {@code dw = (sum_p J_p' J_p)^-1 dE/dw}, the Newton step with the Hessian
 * replaced by its positive semi-definite square-Jacobian approximation (eq 51). Squared-error
 * losses only; full batch; N^2 memory plus the Jacobian. The step is halved while it does not
 * lower the loss (pure Gauss-Newton can overshoot far from a minimum).
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + GaussNewtonOptimizer.NAME})
public final class GaussNewtonOptimizer extends SquareJacobianStepOptimizer {

    static final String NAME = "gauss-newton";

    private static final List<ParameterSpec> PARAMETERS = withStepControls(
            ParameterSpec.integer("tries", 20, 1, 100, "halvings of the step before it counts as a failure"));

    public GaussNewtonOptimizer() {
    }

    GaussNewtonOptimizer(ComputeService compute) {
        super(compute);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Gauss-Newton dw = (J'J)^-1 g (eq 46) with step halving; loss=mse only, full batch, N^2 memory";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected boolean adaptiveDamping() {
        return false;
    }

    @Override
    protected double initialDamping(Settings settings) {
        return 0;
    }
}

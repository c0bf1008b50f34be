package org.ebp.optim.second;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.Optimizer;
import org.osgi.service.component.annotations.Component;

/**
 * Levenberg-Marquardt (eq 47): {@code dw = (sum_p J_p' J_p + mu I)^-1 dE/dw}. A step that lowers
 * the loss is taken and {@code mu <- mu / beta}; otherwise {@code mu <- mu * beta} and the step is
 * tried again (practice: beta = 10, mu0 = 0.01). Squared-error losses only; full batch; N^2
 * memory plus the Jacobian.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + LevenbergMarquardtOptimizer.NAME})
public final class LevenbergMarquardtOptimizer extends SquareJacobianStepOptimizer {

    static final String NAME = "levenberg-marquardt";

    private static final List<ParameterSpec> PARAMETERS = withStepControls(
            ParameterSpec.real("mu", 0.01, 0, 1e10, "initial damping mu of eq 47"),
            ParameterSpec.real("beta", 10, 1.000001, 1e6, "mu is divided by beta after a good step, multiplied otherwise"),
            ParameterSpec.real("min-damping", 1e-12, 0, 1e10, "mu never falls below this"),
            ParameterSpec.integer("tries", 12, 1, 100, "increases of mu per step before the step counts as a failure"));

    public LevenbergMarquardtOptimizer() {
    }

    LevenbergMarquardtOptimizer(ComputeService compute) {
        super(compute);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Levenberg-Marquardt dw = (J'J + mu I)^-1 g (eq 47), mu /= beta on success, *= beta otherwise; "
                + "loss=mse only, full batch, N^2 memory";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected boolean adaptiveDamping() {
        return true;
    }

    @Override
    protected double initialDamping(Settings settings) {
        return settings.getDouble("mu");
    }
}

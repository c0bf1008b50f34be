package org.ebp.optim.second;

import java.util.List;
import java.util.Set;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Levenberg-Marquardt (eq 47): {@code dw = (sum_p J_p' J_p + mu I)^-1 dE/dw}. A step that lowers
 * the loss is taken and {@code mu <- mu / beta}; otherwise {@code mu <- mu * beta} and the step is
 * tried again (practice: beta = 10, mu0 = 0.01). Squared-error losses only; full batch; N^2
 * memory plus the Jacobian.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + LevenbergMarquardtOptimizer.NAME})
public final class LevenbergMarquardtOptimizer extends MatrixStepOptimizer {

    static final String NAME = "levenberg-marquardt";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("mu", 0.01, 0, 1e10, "initial damping mu of eq 47"),
            ParameterSpec.real("beta", 10, 1.000001, 1e6, "mu is divided by beta after a good step, multiplied otherwise"),
            ParameterSpec.real("min-damping", 1e-12, 0, 1e10, "mu never falls below this"),
            ParameterSpec.integer("tries", 12, 1, 100, "increases of mu per step before the step counts as a failure"),
            ParameterSpec.integer("max-failures", 2, 1, 1000, "failed steps in a row before training stops"),
            ParameterSpec.bool("trace", false, "report after every step the loss reached and the evaluations so far"));

    @Reference
    private ComputeService compute;

    public LevenbergMarquardtOptimizer() {
    }

    LevenbergMarquardtOptimizer(ComputeService compute) {
        this.compute = compute;
    }

    @Override
    protected ComputeService compute() {
        return compute;
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
    protected void matrix(Objective objective, double[] w, double[] a) {
        CurvatureMatrices.gaussNewton(objective, w, compute, a);
    }

    @Override
    protected boolean adaptiveDamping() {
        return true;
    }

    @Override
    protected double initialDamping(Settings settings) {
        return settings.getDouble("mu");
    }

    @Override
    protected Set<Capability> capabilities() {
        return Set.of(Capability.JACOBIAN, Capability.GAUSS_NEWTON_VECTOR);
    }

    @Override
    protected boolean needsSquaredError() {
        return true;
    }

    @Override
    protected String alternative() {
        return "cg or lbfgs";
    }
}

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
 * Gauss-Newton (eq 46): {@code dw = (sum_p J_p' J_p)^-1 dE/dw}, the Newton step with the Hessian
 * replaced by its positive semi-definite square-Jacobian approximation (eq 51). Squared-error
 * losses only; full batch; N^2 memory plus the Jacobian. The step is halved while it does not
 * lower the loss (pure Gauss-Newton can overshoot far from a minimum).
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + GaussNewtonOptimizer.NAME})
public final class GaussNewtonOptimizer extends MatrixStepOptimizer {

    static final String NAME = "gauss-newton";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("tries", 20, 1, 100, "halvings of the step before it counts as a failure"),
            ParameterSpec.integer("max-failures", 2, 1, 1000, "failed steps in a row before training stops"),
            ParameterSpec.bool("trace", false, "report after every step the loss reached and the evaluations so far"));

    @Reference
    private ComputeService compute;

    public GaussNewtonOptimizer() {
    }

    GaussNewtonOptimizer(ComputeService compute) {
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
        return "Gauss-Newton dw = (J'J)^-1 g (eq 46) with step halving; loss=mse only, full batch, N^2 memory";
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
        return false;
    }

    @Override
    protected double initialDamping(Settings settings) {
        return 0;
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

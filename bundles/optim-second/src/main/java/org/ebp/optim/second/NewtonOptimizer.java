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

/**
 * Newton's method (eq 40), {@code dw = eta H^-1 dE/dw}, with the full Hessian from N exact
 * Hessian-vector products and damping {@code (H + lambda I)}: away from a minimum H need not be
 * positive definite, so lambda grows (times beta) until the Cholesky factorisation exists and
 * the step lowers the loss, and shrinks (divided by beta) after each good step. O(N^3) per step:
 * small networks only; full batch.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + NewtonOptimizer.NAME})
public final class NewtonOptimizer extends MatrixStepOptimizer {

    static final String NAME = "newton";

    private static final List<ParameterSpec> PARAMETERS = withStepControls(
            ParameterSpec.real("lr", 1.0, 1e-6, 1.0, "eta of eq 40 (0 < eta <= 1)"),
            ParameterSpec.real("damping", 1e-3, 0, 1e10, "initial lambda added to the Hessian's diagonal"),
            ParameterSpec.real("beta", 10, 1.000001, 1e6, "lambda is divided by beta after a good step, multiplied otherwise"),
            ParameterSpec.real("min-damping", 1e-10, 0, 1e10, "lambda never falls below this"),
            ParameterSpec.integer("tries", 15, 1, 100, "increases of lambda per step before the step counts as a failure"));

    public NewtonOptimizer() {
    }

    NewtonOptimizer(ComputeService compute) {
        super(compute);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "damped Newton dw = eta (H + lambda I)^-1 g (eq 40), full Hessian from N Hessian-vector products; "
                + "small networks, full batch, N^2 memory";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected void matrix(Objective objective, double[] w, double[] a) {
        CurvatureMatrices.hessian(objective, w, a);
    }

    @Override
    protected boolean adaptiveDamping() {
        return true;
    }

    @Override
    protected double initialDamping(Settings settings) {
        return settings.getDouble("damping");
    }

    @Override
    protected Set<Capability> capabilities() {
        return Set.of(Capability.HESSIAN_VECTOR);
    }

    @Override
    protected boolean needsSquaredError() {
        return false;
    }

    @Override
    protected String alternative() {
        return "lbfgs";
    }
}

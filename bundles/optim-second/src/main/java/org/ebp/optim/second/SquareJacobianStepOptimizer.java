package org.ebp.optim.second;

import java.util.Set;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;

/**
 * What Gauss-Newton (eq 46) and Levenberg-Marquardt (eq 47) share beyond {@link MatrixStepOptimizer}:
 * the curvature matrix is the square-Jacobian approximation {@code sum_p J_p' J_p} of the Hessian
 * (eq 51), which needs the per-pattern Jacobian and holds for squared-error losses only.
 */
abstract class SquareJacobianStepOptimizer extends MatrixStepOptimizer {

    /** For DS. */
    SquareJacobianStepOptimizer() {
    }

    /** Outside a framework. */
    SquareJacobianStepOptimizer(ComputeService compute) {
        super(compute);
    }

    @Override
    protected final void matrix(Objective objective, double[] w, double[] a) {
        CurvatureMatrices.gaussNewton(objective, w, compute, a);
    }

    @Override
    protected final Set<Capability> capabilities() {
        return Set.of(Capability.JACOBIAN, Capability.GAUSS_NEWTON_VECTOR);
    }

    @Override
    protected final boolean needsSquaredError() {
        return true;
    }

    @Override
    protected final String alternative() {
        return "cg or lbfgs";
    }
}

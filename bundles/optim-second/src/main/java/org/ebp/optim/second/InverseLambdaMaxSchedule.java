package org.ebp.optim.second;

import java.util.List;
import java.util.SplittableRandom;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.CurvatureEstimates;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Schedule;
import org.osgi.service.component.annotations.Component;

/**
 * The learning rate {@code eta = factor / lambda_max} (eq 39: eta_opt = 1 / lambda_max), with
 * lambda_max of the Hessian estimated without forming it, every {@code every} epochs:
 * <ul>
 *   <li>batches of more than one example: the power method {@code psi <- H psi / |psi|} (eq 60)
 *   on the step's batch, {@code iterations} times, with exact Hessian-vector products when the
 *   objective has them, else {@code H psi/|psi| ~ (g(w + a psi/|psi|) - g(w)) / a} (eq 63);</li>
 *   <li>online learning (batch 1): the running estimate of eq 64,
 *   {@code psi <- (1 - gamma) psi + gamma H_p psi/|psi|}, over the first {@code patterns}
 *   patterns of the epoch, as they are presented; until the first estimate is ready the rate is
 *   the optimizer's {@code lr}.</li>
 * </ul>
 * Both give the largest algebraic eigenvalue ({@link CurvatureEstimates}, the implementation
 * {@code hessian eig} uses too): the batch estimate shifts by the dominant eigenvalue when a
 * negative one dominates (away from a minimum), and eq 64 with a small gamma converges to the
 * largest algebraic eigenvalue by itself. When no curvature is positive (lambda_max <= 0) or the
 * estimate is not finite or below {@link CurvatureEstimates#TINY}, 1/lambda_max is no rate: the optimizer's {@code lr} is used instead.
 * The vector psi is kept between estimates, so later estimates start warm. eta_opt = 1/lambda_max is the optimum of the batch
 * rule (eq 39); measured on digits (64-30-10, online), factor=1 diverges while factor=0.1 trains
 * like well-tuned SGD, so online users should lower the factor.
 */
@Component(service = Schedule.class, property = {"ebp.kind=schedule", "ebp.name=" + InverseLambdaMaxSchedule.NAME})
public final class InverseLambdaMaxSchedule implements Schedule {

    static final String NAME = "inverse-lambda-max";
    static final String PSI = "psi";
    static final String PRODUCT = "psi-product";
    static final String SHIFTED = "shifted";
    static final String BASE_GRADIENT = "base-gradient";
    static final String LAMBDA = "lambda-max";
    static final String WINDOW_EPOCH = "window-epoch";
    static final String SEEN = "window-patterns";
    static final String RAYLEIGH = "window-rayleigh";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("factor", 1.0, 1e-6, 2.0, "eta = factor / lambda_max: 1 is eta_opt for batch steps (above 2 "
                    + "they diverge, eq 38); online steps add gradient noise, use about 0.1 there"),
            ParameterSpec.integer("every", 1, 1, 100000, "re-estimate lambda_max every this many epochs"),
            ParameterSpec.integer("iterations", 20, 1, 10000, "power iterations (eq 60) per estimate on a batch"),
            ParameterSpec.integer("patterns", 100, 1, Integer.MAX_VALUE, "patterns per online estimate (eq 64)"),
            ParameterSpec.real("gamma", 0.05, 1e-6, 1, "gamma of the online estimate (eq 64)"),
            ParameterSpec.real("a", 1e-3, 1e-10, 1, "step a of the gradient differences (eqs 63-64), "
                    + "used when the objective has no Hessian-vector product"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "eta = factor / lambda_max (eq 39), lambda_max by the power method on the batch (eqs 60, 63) or online "
                + "(eq 64), re-estimated every few epochs";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public State init(Settings settings) {
        State state = new State();
        state.putScalar(LAMBDA, Double.NaN);
        state.putScalar(WINDOW_EPOCH, 0);
        state.putScalar(SEEN, 0);
        return state;
    }

    @Override
    public double rate(Context context, State state, Settings settings) {
        Objective objective = context.objective();
        double[] w = context.weights();
        if (objective != null && w != null) {
            estimate(objective, w, context.epoch(), state, settings);
        }
        double lambda = state.scalar(LAMBDA, Double.NaN);
        // no positive curvature, or too little for a rate an optimizer accepts: keep lr (see the class comment)
        return lambda > CurvatureEstimates.TINY && Double.isFinite(lambda) ? settings.getDouble("factor") / lambda
                : context.baseRate();
    }

    private void estimate(Objective objective, double[] w, int epoch, State state, Settings settings) {
        int n = objective.dimension();
        double[] psi = state.array(PSI, n);
        if (norm(psi) == 0) {
            SplittableRandom random = new SplittableRandom(n);
            for (int i = 0; i < n; i++) {
                psi[i] = random.nextDouble(-1, 1);
            }
        }
        double[] product = state.array(PRODUCT, n);
        if ((epoch - 1) % settings.getInt("every") == 0 && state.scalar(WINDOW_EPOCH, 0) != epoch) {
            state.putScalar(WINDOW_EPOCH, epoch);
            state.putScalar(SEEN, 0);
            if (objective.batchSize() > 1) {
                // the largest algebraic eigenvalue (eq 60 / 63, shifted when a negative one dominates);
                // tolerance 0 runs all the iterations, as the setting says
                CurvatureEstimates.Estimate e = CurvatureEstimates.largest(
                        (v, out) -> curvatureAlong(objective, w, v, out, state, settings, true), psi,
                        settings.getInt("iterations"), 0);
                state.putScalar(LAMBDA, e.value());
                state.putScalar(SEEN, Double.POSITIVE_INFINITY);
                return;
            }
        }
        double seen = state.scalar(SEEN, 0);
        if (state.scalar(WINDOW_EPOCH, 0) == epoch && seen < settings.getInt("patterns")) {
            double gamma = settings.getDouble("gamma");
            curvatureAlong(objective, w, psi, product, state, settings, false);
            // |psi| has no sign: a running mean of the Rayleigh quotient psi'H_p psi / |psi|^2 tells
            // whether the curvature psi converged to is positive (when none is, |psi| hovers near 0)
            double rayleigh = CurvatureEstimates.dot(psi, product) / norm(psi);
            state.putScalar(RAYLEIGH, seen == 0 ? rayleigh : (1 - gamma) * state.scalar(RAYLEIGH, 0) + gamma * rayleigh);
            CurvatureEstimates.onlineStep(psi, product, gamma); // eq 64
            state.putScalar(SEEN, seen + objective.batchSize());
            if (seen + objective.batchSize() >= settings.getInt("patterns")) {
                double r = state.scalar(RAYLEIGH, 0);
                state.putScalar(LAMBDA, r > 0 ? norm(psi) : r);
            }
        }
    }

    /** {@code out = H psi / |psi|} ({@code H psi} when {@code scaled}), exactly or by eq 63. */
    private static void curvatureAlong(Objective objective, double[] w, double[] psi, double[] out, State state,
                                       Settings settings, boolean scaled) {
        int n = psi.length;
        double length = norm(psi);
        double by = scaled ? 1 : length;
        if (objective.capabilities().contains(Capability.HESSIAN_VECTOR)) {
            objective.hessianVector(w, psi, out);
            for (int i = 0; i < n; i++) {
                out[i] /= by;
            }
        } else {
            double a = settings.getDouble("a");
            double[] shifted = state.array(SHIFTED, n);
            double[] base = state.array(BASE_GRADIENT, n);
            objective.valueAndGradient(w, base);
            for (int i = 0; i < n; i++) {
                shifted[i] = w[i] + a * psi[i] / length;
            }
            objective.valueAndGradient(shifted, out);
            for (int i = 0; i < n; i++) {
                out[i] = (out[i] - base[i]) / a * (length / by); // eq 63: H psi/|psi| ~ (g(w + a psi/|psi|) - g(w)) / a
            }
        }
    }

    static double norm(double[] v) {
        return CurvatureEstimates.norm(v);
    }
}

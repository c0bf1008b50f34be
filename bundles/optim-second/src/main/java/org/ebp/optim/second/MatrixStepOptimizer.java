package org.ebp.optim.second;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.osgi.service.component.annotations.Reference;

/**
 * What Gauss-Newton, Levenberg-Marquardt and Newton share: each step forms an N x N curvature
 * matrix A on the whole batch, solves {@code (A + mu I) dw = g} by Cholesky through the
 * {@link ComputeService}, and tries {@code w - eta dw}. With adaptive damping (LM, Newton) a
 * step that lowers the loss is taken and mu divided by beta; one that does not is refused and
 * mu multiplied by beta, up to {@code tries} times per step. Without it (Gauss-Newton) mu stays
 * at its small floor and a refused step is halved instead. After {@code max-failures} steps in a
 * row without progress training stops with the last (best) weights.
 *
 * <p>The matrix and its factor are allocated per step (they are N^2; the step costs far more);
 * the state holds only mu and counters.
 */
abstract class MatrixStepOptimizer implements Optimizer {

    static final String DAMPING = "damping";
    static final String FAILURES = "failures";

    /**
     * The compute service that solves {@code (A + mu I) dw = g}, set by DS or by tests. Declared
     * here for all three components; bnd reads it through {@code -dsannotations-options: inherit}
     * (see the pom) and SCR injects superclass fields of the same package.
     */
    @Reference
    ComputeService compute;

    /** For DS. */
    MatrixStepOptimizer() {
    }

    /** Outside a framework. */
    MatrixStepOptimizer(ComputeService compute) {
        this.compute = compute;
    }

    /**
     * The method's own settings followed by those every matrix-step method has:
     * {@code max-failures} and {@code trace}.
     */
    static List<ParameterSpec> withStepControls(ParameterSpec... own) {
        List<ParameterSpec> p = new ArrayList<>(List.of(own));
        p.add(ParameterSpec.integer("max-failures", 2, 1, 1000, "failed steps in a row before training stops"));
        p.add(ParameterSpec.bool("trace", false, "report after every step the loss reached and the evaluations so far"));
        return List.copyOf(p);
    }

    /** The compute service (set by DS, or by tests). */
    protected final ComputeService compute() {
        return compute;
    }

    /** Forms the curvature matrix at w. */
    protected abstract void matrix(Objective objective, double[] w, double[] a);

    /** True for LM and Newton (mu adapts), false for Gauss-Newton (halving). */
    protected abstract boolean adaptiveDamping();

    protected abstract double initialDamping(Settings settings);

    /** Capabilities the matrix needs. */
    protected abstract Set<Capability> capabilities();

    protected abstract boolean needsSquaredError();

    protected abstract String alternative();

    @Override
    public Requirements requirements(ParameterLayout layout, Settings settings) {
        long n = layout.size();
        return new Requirements(true, needsSquaredError(), capabilities(), 8L * (2 * n * n + 4 * n), alternative());
    }

    @Override
    public State init(ParameterLayout layout, Settings settings) {
        State state = new State();
        if (adaptiveDamping()) {
            // Gauss-Newton keeps no damping, so that LM taking over its state starts from its own mu
            state.putScalar(DAMPING, initialDamping(settings));
        }
        state.putScalar(FAILURES, 0);
        return state;
    }

    @Override
    public StepResult step(double[] w, Objective objective, State state, StepContext context) {
        Settings settings = context.settings();
        int n = objective.dimension();
        if (n > 46_000) {
            throw new IllegalArgumentException("optimizer '" + name() + "' needs an N x N matrix and N = " + n
                    + " is too large; use " + alternative());
        }
        double[] g = new double[n];
        double f = objective.valueAndGradient(w, g);
        int evaluations = 1;
        if (!Double.isFinite(f)) {
            return new StepResult(f, evaluations, "loss is " + f + " at the current weights", true);
        }
        double[] a = new double[n * n];
        matrix(objective, w, a);
        evaluations++;
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
        }
        // relative floor: keeps the factorisation defined for a singular J'J without changing a regular one
        double floor = 1e-12 * Math.max(trace / n, 1e-300);
        double beta = adaptiveDamping() ? settings.getDouble("beta") : 1;
        double mu = state.scalar(DAMPING, initialDamping(settings));
        double eta = settings.has("lr") ? context.learningRate() : 1.0;
        int tries = settings.getInt("tries");
        double[] trial = new double[n];
        double[] shifted = new double[n * n];
        double halving = 1;
        for (int attempt = 0; attempt < tries; attempt++) {
            double damping = Math.max(mu, floor);
            System.arraycopy(a, 0, shifted, 0, a.length);
            for (int i = 0; i < n; i++) {
                shifted[i * n + i] += damping;
            }
            double[] dw;
            try {
                dw = compute().solveSymmetricPositive(shifted, n, g, 1);
            } catch (ArithmeticException notPositiveDefinite) {
                if (adaptiveDamping()) {
                    mu = Math.max(mu * beta, floor * beta);
                } else {
                    floor *= 1e3;
                }
                continue;
            }
            double scale = eta * halving;
            for (int i = 0; i < n; i++) {
                trial[i] = w[i] - scale * dw[i];
            }
            double ft = objective.value(trial);
            evaluations++;
            if (ft < f) {
                System.arraycopy(trial, 0, w, 0, n);
                if (adaptiveDamping()) {
                    state.putScalar(DAMPING, Math.max(mu / beta, settings.getDouble("min-damping")));
                }
                state.putScalar(FAILURES, 0);
                return new StepResult(f, evaluations, LineSearchOptimizer.trace(state, settings, evaluations, ft), false);
            }
            if (adaptiveDamping()) {
                mu = Math.max(mu * beta, floor * beta);
            } else {
                halving /= 2;
            }
        }
        if (adaptiveDamping()) {
            state.putScalar(DAMPING, Math.min(mu, 1e20));
        }
        int failures = (int) state.scalar(FAILURES, 0) + 1;
        state.putScalar(FAILURES, failures);
        String what = "no step lowered the loss in " + tries + " tries ("
                + (adaptiveDamping() ? "damping now " + (float) mu : "step halved " + tries + " times") + ")";
        if (failures >= settings.getInt("max-failures")) {
            return new StepResult(f, evaluations, what + "; stopped after " + failures + " such steps, weights at the best "
                    + "point (probably a minimum)", true);
        }
        return new StepResult(f, evaluations, what + "; weights unchanged", false);
    }

    @Override
    public List<String> adopt(State state, ParameterLayout layout, Settings settings) {
        return Optimizer.super.adopt(state, layout, settings);
    }
}

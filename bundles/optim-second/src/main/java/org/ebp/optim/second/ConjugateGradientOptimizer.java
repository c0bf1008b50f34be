package org.ebp.optim.second;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Optimizer;
import org.osgi.service.component.annotations.Component;

/**
 * Nonlinear conjugate gradient (section 1.6): {@code rho_k = -g_k + beta_k rho_{k-1}} (eq 41)
 * with Fletcher-Reeves {@code beta = g_k.g_k / g_{k-1}.g_{k-1}} (eq 42) or Polak-Ribiere
 * {@code beta = (g_k - g_{k-1}).g_k / g_{k-1}.g_{k-1}} (eq 43, taken as max(beta, 0) so that a
 * negative beta restarts), and a strong-Wolfe line search along rho. Restarts with steepest
 * descent every {@code restart} steps (0: every N, the dimension). Batch only; memory 3 vectors
 * besides the line-search buffers.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + ConjugateGradientOptimizer.NAME})
public final class ConjugateGradientOptimizer extends LineSearchOptimizer {

    static final String NAME = "cg";
    static final String PREVIOUS_GRADIENT = "previous-gradient";
    static final String PREVIOUS_DIRECTION = "previous-direction";
    static final String SINCE_RESTART = "since-restart";

    private static final List<ParameterSpec> PARAMETERS = withCommonParameters(0.1,
            ParameterSpec.choice("beta", "pr", List.of("pr", "fr"), "Polak-Ribiere (eq 43) or Fletcher-Reeves (eq 42)"),
            ParameterSpec.integer("restart", 0, 0, Integer.MAX_VALUE, "steps between restarts (0: the dimension N)"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "conjugate gradient (eqs 41-43, beta=pr|fr) with a strong-Wolfe line search; full batch, O(N) memory";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> memoryArrays(ParameterLayout layout, Settings settings) {
        return List.of(PREVIOUS_GRADIENT, PREVIOUS_DIRECTION);
    }

    @Override
    protected int memoryLength(String name, ParameterLayout layout, Settings settings) {
        return layout.size();
    }

    @Override
    protected long memoryBytes(ParameterLayout layout, Settings settings) {
        return 16L * layout.size();
    }

    @Override
    protected String alternative() {
        return "sgd";
    }

    @Override
    protected double direction(double[] g, double[] d, State state, Settings settings) {
        int n = g.length;
        double[] gPrev = state.array(PREVIOUS_GRADIENT, n);
        double[] dPrev = state.array(PREVIOUS_DIRECTION, n);
        int restart = settings.getInt("restart") == 0 ? n : settings.getInt("restart");
        double since = state.scalar(SINCE_RESTART, 0);
        double gg = StrongWolfeLineSearch.dot(g, g);
        double beta = 0;
        double previousNorm = StrongWolfeLineSearch.dot(gPrev, gPrev);
        if (since > 0 && since < restart && previousNorm > 0) {
            if (settings.getString("beta").equals("fr")) {
                beta = gg / previousNorm; // eq 42
            } else {
                double num = 0;
                for (int i = 0; i < n; i++) {
                    num += (g[i] - gPrev[i]) * g[i];
                }
                beta = Math.max(0, num / previousNorm); // eq 43, restarted when negative
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = -g[i] + beta * dPrev[i]; // eq 41
        }
        double initial;
        double lastStep = state.scalar(LAST_STEP, 0);
        double lastSlope = state.scalar(LAST_SLOPE, 0);
        double slope = StrongWolfeLineSearch.dot(g, d);
        if (since > 0 && lastStep > 0 && slope < 0) {
            // N&W (3.60): expect the same first-order change as in the last step
            initial = lastStep * lastSlope / slope;
        } else {
            initial = 1 / Math.max(1, Math.sqrt(gg));
        }
        state.putScalar(SINCE_RESTART, since >= restart ? 1 : since + 1);
        System.arraycopy(d, 0, dPrev, 0, n);
        System.arraycopy(g, 0, gPrev, 0, n);
        return initial;
    }

    @Override
    protected void remember(double step, double[] d, double[] gOld, double[] gNew, State state, Settings settings) {
        // the direction and gradient of this step were stored by direction(); nothing else to learn
    }

    @Override
    protected void reset(State state, Settings settings) {
        state.putScalar(SINCE_RESTART, 0);
        double[] gPrev = state.array(PREVIOUS_GRADIENT);
        if (gPrev != null) {
            java.util.Arrays.fill(gPrev, 0);
        }
    }
}

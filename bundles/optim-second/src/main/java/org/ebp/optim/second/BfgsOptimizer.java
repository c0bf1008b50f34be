package org.ebp.optim.second;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Optimizer;
import org.osgi.service.component.annotations.Component;

/**
 * BFGS (section 1.6) with the inverse-Hessian update of eq 44: with {@code phi = g(t) - g(t-1)}
 * and {@code delta = w(t) - w(t-1)},
 * <pre>
 *   M <- M + (1 + phi'M phi / delta'phi) delta delta' / delta'phi - (delta phi'M + M phi delta') / delta'phi
 * </pre>
 * direction {@code -M g} and a strong-Wolfe line search, which keeps {@code delta'phi > 0} and so
 * M positive definite. M starts as the identity, scaled by {@code delta'phi / phi'phi} before the
 * first update (Nocedal and Wright, eq 6.20). Batch only; N^2 doubles of memory: for more than a
 * few thousand parameters use lbfgs.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + BfgsOptimizer.NAME})
public final class BfgsOptimizer extends LineSearchOptimizer {

    static final String NAME = "bfgs";
    static final String INVERSE_HESSIAN = "inverse-hessian";
    static final String MPHI = "m-phi";
    static final String UPDATES = "updates";

    private static final List<ParameterSpec> PARAMETERS = commonParameters(0.9);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BFGS with the inverse-Hessian update of eq 44 and a strong-Wolfe line search; full batch, N^2 memory";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> memoryArrays(ParameterLayout layout, Settings settings) {
        return List.of(INVERSE_HESSIAN, MPHI);
    }

    @Override
    protected int memoryLength(String name, ParameterLayout layout, Settings settings) {
        long n = layout.size();
        if (name.equals(INVERSE_HESSIAN)) {
            if (n * n > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("bfgs needs an N x N matrix, and N = " + n + " is too large for one "
                        + "array; use lbfgs");
            }
            return (int) (n * n);
        }
        return (int) n;
    }

    @Override
    protected long memoryBytes(ParameterLayout layout, Settings settings) {
        long n = layout.size();
        return 8L * n * n + 8L * n;
    }

    @Override
    protected double direction(double[] g, double[] d, State state, Settings settings) {
        int n = g.length;
        double[] m = state.array(INVERSE_HESSIAN, n * n);
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += m[row + j] * g[j];
            }
            d[i] = -s;
        }
        return state.scalar(UPDATES, 0) == 0 ? 1 / Math.max(1, Math.sqrt(StrongWolfeLineSearch.dot(g, g))) : 1.0;
    }

    @Override
    protected void remember(double step, double[] d, double[] gOld, double[] gNew, State state, Settings settings) {
        int n = d.length;
        double[] m = state.array(INVERSE_HESSIAN, n * n);
        double[] mPhi = state.array(MPHI, n);
        double deltaPhi = 0;
        double phiPhi = 0;
        double deltaNorm = 0;
        for (int i = 0; i < n; i++) {
            double phi = gNew[i] - gOld[i];
            double delta = step * d[i];
            deltaPhi += delta * phi;
            phiPhi += phi * phi;
            deltaNorm += delta * delta;
        }
        // skip updates without positive curvature along the step: they would break positive definiteness
        if (!(deltaPhi > 1e-12 * Math.sqrt(deltaNorm * phiPhi))) {
            return;
        }
        if (state.scalar(UPDATES, 0) == 0) {
            double scale = deltaPhi / phiPhi;
            for (int i = 0; i < n * n; i++) {
                m[i] *= scale;
            }
        }
        // M phi (M is symmetric, so phi'M = (M phi)')
        double phiMphi = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += m[row + j] * (gNew[j] - gOld[j]);
            }
            mPhi[i] = s;
            phiMphi += s * (gNew[i] - gOld[i]);
        }
        double a = (1 + phiMphi / deltaPhi) / deltaPhi;
        for (int i = 0; i < n; i++) {
            double di = step * d[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                double dj = step * d[j];
                m[row + j] += a * di * dj - (di * mPhi[j] + mPhi[i] * dj) / deltaPhi; // eq 44
            }
        }
        state.putScalar(UPDATES, state.scalar(UPDATES, 0) + 1);
    }

    @Override
    protected void reset(State state, Settings settings) {
        double[] m = state.array(INVERSE_HESSIAN);
        if (m != null) {
            int n = (int) Math.round(Math.sqrt(m.length));
            java.util.Arrays.fill(m, 0);
            for (int i = 0; i < n; i++) {
                m[i * n + i] = 1;
            }
        }
        state.putScalar(UPDATES, 0);
    }
}

package org.ebp.optim.second;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Optimizer;
import org.osgi.service.component.annotations.Component;

/**
 * Limited-memory BFGS (section 1.6, "limited-memory variants for larger N"): the product of the
 * BFGS inverse Hessian of eq 44, built from the last {@code m} pairs {@code (delta, phi)} on the
 * scaled identity {@code delta'phi / phi'phi I}, applied to the gradient by the two-loop
 * recursion (Nocedal and Wright, algorithm 7.4), and a strong-Wolfe line search. Batch only;
 * memory {@code 2 m N} doubles.
 */
@Component(service = Optimizer.class, property = {"ebp.kind=optimizer", "ebp.name=" + LbfgsOptimizer.NAME})
public final class LbfgsOptimizer extends LineSearchOptimizer {

    static final String NAME = "lbfgs";
    static final String S = "history-delta";
    static final String Y = "history-phi";
    static final String RHO = "history-rho";
    static final String ALPHA = "history-alpha";
    static final String COUNT = "history-count";
    static final String HEAD = "history-head";

    private static final List<ParameterSpec> PARAMETERS = withCommonParameters(0.9,
            ParameterSpec.integer("m", 10, 1, 1000, "number of (delta, phi) pairs remembered"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "limited-memory BFGS (history m) with a strong-Wolfe line search; full batch, 2 m N memory";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    protected List<String> memoryArrays(ParameterLayout layout, Settings settings) {
        return List.of(S, Y, RHO, ALPHA);
    }

    @Override
    protected int memoryLength(String name, ParameterLayout layout, Settings settings) {
        int m = settings.getInt("m");
        return name.equals(S) || name.equals(Y) ? Math.multiplyExact(m, layout.size()) : m;
    }

    @Override
    protected long memoryBytes(ParameterLayout layout, Settings settings) {
        return 16L * settings.getInt("m") * layout.size();
    }

    @Override
    protected String alternative() {
        return "cg";
    }

    @Override
    protected double direction(double[] g, double[] d, State state, Settings settings) {
        int n = g.length;
        int m = settings.getInt("m");
        double[] s = state.array(S, m * n);
        double[] y = state.array(Y, m * n);
        double[] rho = state.array(RHO, m);
        double[] alpha = state.array(ALPHA, m);
        int count = (int) state.scalar(COUNT, 0);
        int head = (int) state.scalar(HEAD, 0);
        for (int i = 0; i < n; i++) {
            d[i] = -g[i];
        }
        if (count == 0) {
            return 1 / Math.max(1, Math.sqrt(StrongWolfeLineSearch.dot(g, g)));
        }
        // two-loop recursion on q = -g: newest pair first, then the scaled identity, then oldest first
        for (int k = 0; k < count; k++) {
            int slot = Math.floorMod(head - 1 - k, m);
            int off = slot * n;
            double a = 0;
            for (int i = 0; i < n; i++) {
                a += s[off + i] * d[i];
            }
            a *= rho[slot];
            alpha[slot] = a;
            for (int i = 0; i < n; i++) {
                d[i] -= a * y[off + i];
            }
        }
        int newest = Math.floorMod(head - 1, m) * n;
        double yy = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            yy += y[newest + i] * y[newest + i];
            sy += s[newest + i] * y[newest + i];
        }
        double gamma = sy / yy;
        for (int i = 0; i < n; i++) {
            d[i] *= gamma;
        }
        for (int k = count - 1; k >= 0; k--) {
            int slot = Math.floorMod(head - 1 - k, m);
            int off = slot * n;
            double b = 0;
            for (int i = 0; i < n; i++) {
                b += y[off + i] * d[i];
            }
            b *= rho[slot];
            double coefficient = alpha[slot] - b;
            for (int i = 0; i < n; i++) {
                d[i] += coefficient * s[off + i];
            }
        }
        return 1.0;
    }

    @Override
    protected void remember(double step, double[] d, double[] gOld, double[] gNew, State state, Settings settings) {
        int n = d.length;
        int m = settings.getInt("m");
        double[] s = state.array(S, m * n);
        double[] y = state.array(Y, m * n);
        double[] rho = state.array(RHO, m);
        int head = (int) state.scalar(HEAD, 0);
        int off = head * n;
        double sy = 0;
        double ss = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double si = step * d[i];
            double yi = gNew[i] - gOld[i];
            sy += si * yi;
            ss += si * si;
            yy += yi * yi;
        }
        if (!(sy > 1e-12 * Math.sqrt(ss * yy))) {
            return; // no positive curvature along the step: keep the memory positive definite
        }
        for (int i = 0; i < n; i++) {
            s[off + i] = step * d[i];
            y[off + i] = gNew[i] - gOld[i];
        }
        rho[head] = 1 / sy;
        state.putScalar(HEAD, (head + 1) % m);
        state.putScalar(COUNT, Math.min(m, state.scalar(COUNT, 0) + 1));
    }

    @Override
    protected void reset(State state, Settings settings) {
        state.putScalar(COUNT, 0);
        state.putScalar(HEAD, 0);
    }
}

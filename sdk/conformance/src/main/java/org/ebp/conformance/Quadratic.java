package org.ebp.conformance;

import java.util.EnumSet;
import java.util.Set;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;

/**
 * The kit's test problem: {@code E(w) = 1/2 sum_i a_i (w_i - c_i)^2}, a full-batch squared-error
 * objective with every capability (residuals {@code r_i = sqrt(a_i) (w_i - c_i)}, so the Hessian,
 * the Gauss-Newton matrix and J'J are all {@code diag(a)}). Its minimum {@code c} is known, and its
 * condition number (10 here) is that of a badly scaled input (section 1.4.3).
 */
public final class Quadratic implements Objective {

    private final double[] a;
    private final double[] c;
    private final ParameterLayout layout;

    public Quadratic(double[] a, double[] c) {
        if (a.length != c.length || a.length == 0) {
            throw new IllegalArgumentException("a and c need the same, non-zero length");
        }
        this.a = a.clone();
        this.c = c.clone();
        this.layout = ParameterLayout.builder().add("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 1, a.length, a.length)
                .build();
    }

    /** Three weights, curvatures 1, 3 and 10, minimum (1, -2, 0.5). */
    public static Quadratic standard() {
        return new Quadratic(new double[] {1, 3, 10}, new double[] {1, -2, 0.5});
    }

    /** Where the kit starts: the origin. */
    public double[] start() {
        return new double[a.length];
    }

    @Override public int dimension() { return a.length; }
    @Override public ParameterLayout layout() { return layout; }
    @Override public int batchSize() { return 1; }
    @Override public boolean fullBatch() { return true; }
    @Override public String lossName() { return "mse"; }
    @Override public boolean squaredError() { return true; }
    @Override public Set<Capability> capabilities() { return EnumSet.allOf(Capability.class); }

    @Override
    public double value(double[] w) {
        double e = 0;
        for (int i = 0; i < a.length; i++) {
            e += 0.5 * a[i] * (w[i] - c[i]) * (w[i] - c[i]);
        }
        return e;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        for (int i = 0; i < a.length; i++) {
            gradient[i] = a[i] * (w[i] - c[i]);
        }
        return value(w);
    }

    @Override
    public void hessianVector(double[] w, double[] v, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * v[i];
        }
    }

    @Override
    public void gaussNewtonVector(double[] w, double[] v, double[] out) {
        hessianVector(w, v, out);
    }

    @Override
    public void diagonalGaussNewton(double[] w, double[] out) {
        System.arraycopy(a, 0, out, 0, a.length);
    }

    @Override
    public int residualCount() {
        return a.length;
    }

    @Override
    public void residuals(double[] w, double[] r) {
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.sqrt(a[i]) * (w[i] - c[i]);
        }
    }

    @Override
    public void jacobian(double[] w, double[] j) {
        java.util.Arrays.fill(j, 0, a.length * a.length, 0.0);
        for (int i = 0; i < a.length; i++) {
            j[i * a.length + i] = Math.sqrt(a[i]);
        }
    }
}

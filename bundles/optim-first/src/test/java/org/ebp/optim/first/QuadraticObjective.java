package org.ebp.optim.first;

import java.util.Set;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;

/**
 * {@code f(w) = 1/2 w'Aw - b'w} with {@code A} symmetric positive definite: gradient
 * {@code Aw - b}, Hessian {@code A}, minimum {@code A^-1 b}. The test problem of section 1.5.
 */
class QuadraticObjective implements Objective {

    private final int n;
    private final double[] a;
    private final double[] b;
    private final ParameterLayout layout;
    int evaluations;

    /** @param a row-major n x n, symmetric positive definite */
    QuadraticObjective(double[] a, double[] b, ParameterLayout layout) {
        this.n = b.length;
        if (a.length != n * n || layout.size() != n) {
            throw new IllegalArgumentException("A, b and layout disagree");
        }
        this.a = a.clone();
        this.b = b.clone();
        this.layout = layout;
    }

    QuadraticObjective(double[] a, double[] b) {
        this(a, b, ParameterLayout.builder().add("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 1, b.length, b.length).build());
    }

    /**
     * {@code A = Q diag(eigenvalues) Q'} with {@code Q = I - 2 u u' / u'u} (a Householder reflection,
     * so A is not diagonal), and {@code b = A minimum}, so that the minimum is known exactly.
     */
    static QuadraticObjective withEigenvalues(double[] eigenvalues, double[] minimum) {
        int n = eigenvalues.length;
        double[] u = new double[n];
        double uu = 0;
        for (int i = 0; i < n; i++) {
            u[i] = 1.0 + i;
            uu += u[i] * u[i];
        }
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] = (i == j ? 1 : 0) - 2 * u[i] * u[j] / uu;
            }
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[i * n + k] * eigenvalues[k] * q[j * n + k];
                }
                a[i * n + j] = s;
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i] += a[i * n + j] * minimum[j];
            }
        }
        return new QuadraticObjective(a, b);
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public boolean fullBatch() {
        return true;
    }

    @Override
    public String lossName() {
        return "quadratic";
    }

    @Override
    public boolean squaredError() {
        return false;
    }

    @Override
    public double value(double[] w) {
        double f = 0;
        for (int i = 0; i < n; i++) {
            double aw = 0;
            for (int j = 0; j < n; j++) {
                aw += a[i * n + j] * w[j];
            }
            f += 0.5 * w[i] * aw - b[i] * w[i];
        }
        return f;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        evaluations++;
        double f = 0;
        for (int i = 0; i < n; i++) {
            double aw = 0;
            for (int j = 0; j < n; j++) {
                aw += a[i * n + j] * w[j];
            }
            gradient[i] = aw - b[i];
            f += 0.5 * w[i] * aw - b[i] * w[i];
        }
        return f;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }
}

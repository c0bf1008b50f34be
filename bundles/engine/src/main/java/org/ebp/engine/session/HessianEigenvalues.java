package org.ebp.engine.session;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.CurvatureEstimates;
import org.ebp.api.optim.Objective;

/**
 * Eigenvalues of the Hessian of a batch objective without training (sections 1.5, 1.7, 1.8):
 * the full Hessian from N Hessian-vector products; lambda_max by the power method on the batch
 * (eq 60, or eq 63 when the products are finite differences) and by the online running estimate
 * (eq 64); the k largest by Lanczos with full reorthogonalisation.
 *
 * <p>The power method converges to the eigenvalue of largest magnitude, which is lambda_max only
 * near a minimum; {@link #ends} shifts by it and runs again, so it reports the largest algebraic
 * eigenvalue and the smallest. Buffers are allocated per call (these are analyses, not training steps).
 */
final class HessianEigenvalues {

    /** Largest parameter count for which the full Hessian (N^2 doubles) is formed. */
    static final int EXACT_LIMIT = 4000;

    /** lambda and the work done. */
    record Estimate(double value, long products, int iterations, boolean converged) {
    }

    private HessianEigenvalues() {
    }

    /** The symmetrised Hessian {@code (H + H')/2} from N products {@code H e_i}, row-major. */
    static double[] fullHessian(Objective objective, double[] w) {
        int n = objective.dimension();
        if (n > EXACT_LIMIT) {
            throw new IllegalArgumentException("the exact Hessian of " + n + " parameters needs " + n + " x " + n
                    + " doubles; it is formed only up to " + EXACT_LIMIT + " parameters: use hessian eig method=power "
                    + "(lambda_max and lambda_min) or hessian spectrum method=lanczos (the top k)");
        }
        double[] h = new double[n * n];
        double[] e = new double[n];
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 1;
            objective.hessianVector(w, e, column);
            e[i] = 0;
            for (int k = 0; k < n; k++) {
                h[k * n + i] = column[k];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double mean = 0.5 * (h[i * n + j] + h[j * n + i]);
                h[i * n + j] = mean;
                h[j * n + i] = mean;
            }
        }
        return h;
    }

    /** All eigenvalues of the full Hessian, largest first. */
    static double[] exactEigenvalues(Objective objective, double[] w, ComputeService compute) {
        int n = objective.dimension();
        double[] ascending = compute.symmetricEigenvalues(fullHessian(objective, w), n);
        double[] descending = new double[n];
        for (int i = 0; i < n; i++) {
            descending[i] = ascending[n - 1 - i];
        }
        return descending;
    }

    /** Both ends of the spectrum found by the power method, largest (algebraic) first. */
    record Ends(Estimate largest, Estimate smallest) {
    }

    /**
     * The power method {@code psi <- H psi / |psi|} (eq 60): converges to the eigenvalue of largest
     * magnitude, at the rate |lambda_2 / lambda_1| per iteration. Stops when |H psi| changes by less
     * than {@code tolerance} (relative) or after {@code iterations}; the value is the Rayleigh
     * quotient psi'H psi, which carries the sign. The iteration is the API's
     * {@link CurvatureEstimates}, the same that the inverse-lambda-max schedule runs.
     */
    static Estimate power(Objective objective, double[] w, int iterations, double tolerance, long seed) {
        return of(CurvatureEstimates.shiftedPower(product(objective, w), randomUnit(objective.dimension(), seed), 0,
                iterations, tolerance));
    }

    /**
     * Both ends of the spectrum: the power method finds the eigenvalue d of largest magnitude, then
     * the power method on {@code H - d I} (whose eigenvalues {@code lambda - d} all have one sign)
     * finds the eigenvalue farthest from d, which is the other end. So lambda_max is the largest
     * algebraic eigenvalue even where a negative one dominates (away from a minimum).
     */
    static Ends ends(Objective objective, double[] w, int iterations, double tolerance, long seed) {
        int n = objective.dimension();
        CurvatureEstimates.Ends ends = CurvatureEstimates.ends(product(objective, w), randomUnit(n, seed),
                randomUnit(n, seed + 1), iterations, tolerance);
        return new Ends(of(ends.largest()), of(ends.smallest()));
    }

    private static CurvatureEstimates.Product product(Objective objective, double[] w) {
        return (v, out) -> objective.hessianVector(w, v, out);
    }

    private static Estimate of(CurvatureEstimates.Estimate e) {
        return new Estimate(e.value(), e.products(), e.iterations(), e.converged());
    }

    /** Chooses pattern p of the subset as the objective's batch. */
    interface PatternSelector {
        void select(int pattern);
    }

    /**
     * The online estimate of eq 64: over {@code passes} sweeps of the patterns,
     * {@code psi <- (1 - gamma) psi + gamma H_p psi / |psi|} with {@code H_p} the Hessian of one
     * pattern's loss. Its fixed point in expectation is the batch power iteration; the remaining
     * fluctuation is of order sqrt(gamma), so the estimate is |psi| averaged over the last sweep.
     * The fixed point |psi| = lambda exists only for positive eigenvalues, so it finds the largest
     * positive one (negative components shrink), the one that bounds the learning rate; when none is
     * positive psi oscillates near 0. The last sweep therefore also averages the Rayleigh quotient
     * psi'H_p psi / |psi|^2 (free: H_p psi is computed anyway), whose sign says whether |psi| means
     * anything.
     */
    static OnlineEstimate online(Objective objective, PatternSelector selector, int patterns, double[] w, int passes,
                                 double gamma, long seed) {
        int n = objective.dimension();
        double[] psi = randomUnit(n, seed);
        double[] product = new double[n];
        double sum = 0;
        double rayleigh = 0;
        long products = 0;
        for (int pass = 0; pass < passes; pass++) {
            sum = 0;
            rayleigh = 0;
            for (int p = 0; p < patterns; p++) {
                selector.select(p);
                double length = norm(psi);
                objective.hessianVector(w, psi, product);
                products++;
                for (int i = 0; i < n; i++) {
                    product[i] /= length;
                }
                rayleigh += dot(psi, product) / length;
                CurvatureEstimates.onlineStep(psi, product, gamma); // eq 64
                sum += norm(psi);
            }
        }
        return new OnlineEstimate(sum / patterns, rayleigh / patterns, products, passes);
    }

    /** |psi| of eq 64 and the Rayleigh quotient along psi, both averaged over the last sweep. */
    record OnlineEstimate(double magnitude, double rayleigh, long products, int passes) {
        /** True when the dominant curvature is positive, so {@link #magnitude} estimates lambda_max. */
        boolean positive() {
            return rayleigh > 0;
        }
    }

    /**
     * The k largest eigenvalues by the Lanczos iteration with full reorthogonalisation: m steps
     * build an orthonormal basis Q of the Krylov space of H and the tridiagonal T = Q'HQ, whose
     * extreme eigenvalues (computed by the compute service) converge first to those of H.
     */
    static double[] lanczos(Objective objective, double[] w, int k, int steps, ComputeService compute, long seed) {
        int n = objective.dimension();
        int m = Math.min(n, steps);
        double[][] q = new double[m + 1][];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        q[0] = randomUnit(n, seed);
        double[] v = new double[n];
        int built = 0;
        for (int j = 0; j < m; j++) {
            objective.hessianVector(w, q[j], v);
            alpha[j] = dot(q[j], v);
            // full reorthogonalisation (twice is enough): keeps T's spectrum free of spurious copies
            for (int repeat = 0; repeat < 2; repeat++) {
                for (int i = 0; i <= j; i++) {
                    double c = dot(q[i], v);
                    for (int t = 0; t < n; t++) {
                        v[t] -= c * q[i][t];
                    }
                }
            }
            built = j + 1;
            double b = norm(v);
            if (j == m - 1 || b < 1e-12 * Math.max(1, Math.abs(alpha[j]))) {
                break;
            }
            beta[j] = b;
            q[j + 1] = new double[n];
            for (int t = 0; t < n; t++) {
                q[j + 1][t] = v[t] / b;
            }
        }
        double[] t = new double[built * built];
        for (int i = 0; i < built; i++) {
            t[i * built + i] = alpha[i];
            if (i + 1 < built) {
                t[i * built + i + 1] = beta[i];
                t[(i + 1) * built + i] = beta[i];
            }
        }
        double[] ascending = compute.symmetricEigenvalues(t, built);
        int count = Math.min(k, built);
        double[] top = new double[count];
        for (int i = 0; i < count; i++) {
            top[i] = ascending[built - 1 - i];
        }
        return top;
    }

    private static double[] randomUnit(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        double length = norm(v);
        for (int i = 0; i < n; i++) {
            v[i] /= length;
        }
        return v;
    }

    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] copy(double[] v) {
        return Arrays.copyOf(v, v.length);
    }
}

package org.ebp.api.optim;

/**
 * The one implementation of the power-method curvature estimates of sections 1.7-1.8, shared by
 * the Hessian tools ({@code hessian eig}) and the {@code inverse-lambda-max} schedule, so both
 * report the same lambda_max. They need only a product {@code v -> H v}: exact (the R-operator) or
 * by gradient differences (eq 63).
 *
 * <p>The plain power method (eq 60) converges to the eigenvalue of largest <em>magnitude</em>,
 * which is lambda_max only near a minimum; away from one a negative eigenvalue may dominate (and
 * 1/|lambda| is then no rate at all). {@link #largest} therefore shifts by the dominant eigenvalue
 * d when d is negative and runs again on {@code H - d I}, whose eigenvalues {@code lambda - d} are
 * all non-negative, so it converges to the largest algebraic eigenvalue. The value returned is
 * always a Rayleigh quotient, which carries the sign; a non-positive result means that no direction
 * curves upwards, and eta = 1/lambda_max (eq 39) does not apply.
 *
 * <p>The online rule of eq 64, {@code psi <- (1 - gamma) psi + gamma H_p psi / |psi|}, is the power
 * method on {@code (1 - gamma) I + gamma H / |psi|}: for small gamma that matrix's dominant
 * direction is the eigenvector of the largest algebraic eigenvalue, so |psi| converges to
 * lambda_max when it is positive and decays towards 0 when no curvature is positive.
 * (Added in API 1.2.0.)
 */
public final class CurvatureEstimates {

    /** {@code out = H v}; {@code v} and {@code out} have the objective's dimension and are distinct arrays. */
    @FunctionalInterface
    public interface Product {
        void apply(double[] v, double[] out);
    }

    /**
     * An eigenvalue estimate.
     *
     * @param value      the eigenvalue of H (a Rayleigh quotient: the sign is right)
     * @param products   Hessian-vector products spent
     * @param iterations power iterations of the last run
     * @param converged  whether the relative change fell below the tolerance
     */
    public record Estimate(double value, long products, int iterations, boolean converged) {
    }

    /** Both ends of the spectrum, largest (algebraic) first. */
    public record Ends(Estimate largest, Estimate smallest) {
    }

    /**
     * Below this lambda_max, 1/lambda_max is above 1000, no rate the optimizers accept: the loss
     * is nearly flat (saturated units), and rate advice says so instead.
     */
    public static final double TINY = 1e-3;

    private CurvatureEstimates() {
    }

    /**
     * The power method on {@code H - shift I} from {@code psi} (any non-zero vector; on return the
     * unit vector it converged to, so a later call can start warm). Stops when |(H - shift I) psi|
     * changes by less than {@code tolerance} (relative) or after {@code iterations}.
     *
     * @return the eigenvalue of H it converged to (the shift added back)
     */
    public static Estimate shiftedPower(Product h, double[] psi, double shift, int iterations, double tolerance) {
        int n = psi.length;
        normalise(psi);
        double[] next = new double[n];
        double previous = Double.NaN;
        double rayleigh = 0;
        for (int k = 1; k <= iterations; k++) {
            h.apply(psi, next); // psi has unit length: this is H psi / |psi| (eq 60)
            for (int i = 0; i < n; i++) {
                next[i] -= shift * psi[i];
            }
            double value = norm(next);
            rayleigh = dot(psi, next);
            if (!(value > 0) || !Double.isFinite(value)) {
                return new Estimate(Double.isFinite(value) ? shift : value, k, k, Double.isFinite(value));
            }
            for (int i = 0; i < n; i++) {
                psi[i] = next[i] / value;
            }
            if (Math.abs(value - previous) <= tolerance * value) {
                return new Estimate(rayleigh + shift, k, k, true);
            }
            previous = value;
        }
        return new Estimate(rayleigh + shift, iterations, iterations, false);
    }

    /**
     * Both ends: the dominant eigenvalue d (largest magnitude), then the one farthest from it
     * (power method on {@code H - d I}), which is the other end of the spectrum.
     *
     * @param psi start vector, updated to the dominant direction; {@code other} starts the second run
     * @return each end with the products of its own run
     */
    public static Ends ends(Product h, double[] psi, double[] other, int iterations, double tolerance) {
        Estimate dominant = shiftedPower(h, psi, 0, iterations, tolerance);
        Estimate far = shiftedPower(h, other, dominant.value(), iterations, tolerance);
        Estimate largest = dominant.value() >= far.value() ? dominant : far;
        return new Ends(largest, largest == dominant ? far : dominant);
    }

    /**
     * The largest algebraic eigenvalue: the dominant one when it is positive, else the power
     * method again on {@code H - d I}. {@code psi} is the warm start and is left at the direction
     * of the dominant eigenvalue (which is lambda_max whenever that is positive and dominant).
     */
    public static Estimate largest(Product h, double[] psi, int iterations, double tolerance) {
        Estimate dominant = shiftedPower(h, psi, 0, iterations, tolerance);
        if (dominant.value() >= 0 || !Double.isFinite(dominant.value())) {
            return dominant;
        }
        // a fresh start: from the dominant direction itself, (H - d I) psi = 0 and the run could not move
        java.util.SplittableRandom random = new java.util.SplittableRandom(psi.length + 1L);
        double[] other = new double[psi.length];
        for (int i = 0; i < other.length; i++) {
            other[i] = random.nextGaussian();
        }
        Estimate far = shiftedPower(h, other, dominant.value(), iterations, tolerance);
        return withProducts(far, dominant.products() + far.products());
    }

    /** One step of eq 64: {@code psi <- (1 - gamma) psi + gamma productOverLength}, where the product is {@code H_p psi / |psi|}. */
    public static void onlineStep(double[] psi, double[] productOverLength, double gamma) {
        for (int i = 0; i < psi.length; i++) {
            psi[i] = (1 - gamma) * psi[i] + gamma * productOverLength[i];
        }
    }

    private static Estimate withProducts(Estimate e, long products) {
        return new Estimate(e.value(), products, e.iterations(), e.converged());
    }

    private static void normalise(double[] v) {
        double length = norm(v);
        if (length > 0 && Double.isFinite(length)) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= length;
            }
        }
    }

    public static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

package org.ebp.shell;

/**
 * What {@code hessian eig} advises from lambda_max. eta_opt = 1/lambda_max (eq 39) holds only for
 * a positive curvature that is not vanishingly small: a non-positive lambda_max means no direction
 * curves upwards here (a maximum, a saddle or a flat region), and a tiny one (saturated units)
 * would suggest an absurd rate. Both are said instead of printing 1/lambda_max.
 */
final class CurvatureAdvice {

    /** Below this lambda_max, 1/lambda_max is above 1000: no rate the optimizers accept (shared with the schedule). */
    static final double TINY = org.ebp.api.optim.CurvatureEstimates.TINY;

    private CurvatureAdvice() {
    }

    static String number(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    static String forLargest(double lambdaMax) {
        if (!Double.isFinite(lambdaMax)) {
            return "lambda_max is " + lambdaMax + ": the Hessian-vector products are not finite at these weights; "
                    + "no rate follows from it (train from fresh weights or with a smaller lr)";
        }
        if (lambdaMax <= 0) {
            return "no positive curvature found (lambda_max = " + number(lambdaMax) + " <= 0): the loss curves "
                    + "downwards or not at all here, so eta_opt = 1/lambda_max (eq 39) does not apply; train a little "
                    + "with a small lr and measure again";
        }
        if (lambdaMax < TINY) {
            return "the curvature is tiny (lambda_max = " + number(lambdaMax) + "): the loss is nearly flat here "
                    + "(saturated units?), so 1/lambda_max = " + number(1 / lambdaMax) + " is no useful rate; "
                    + "check the input scaling and the initialization (section 1.4), or choose lr by trial";
        }
        return "eta_opt = 1/lambda_max = " + number(1 / lambdaMax) + "; batch gradient descent diverges above "
                + "2/lambda_max = " + number(2 / lambdaMax) + " (eqs 38-39)";
    }
}

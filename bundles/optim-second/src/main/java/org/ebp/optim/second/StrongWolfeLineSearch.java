package org.ebp.optim.second;

import org.ebp.api.optim.Objective;

/**
 * A line search along a descent direction d from w that returns a step alpha satisfying the
 * strong Wolfe conditions
 * <pre>
 *   phi(alpha) <= phi(0) + c1 alpha phi'(0)          (sufficient decrease)
 *   |phi'(alpha)| <= c2 |phi'(0)|                      (curvature)
 * </pre>
 * with {@code phi(alpha) = E(w + alpha d)}: the bracketing phase and the zoom of Nocedal and
 * Wright (Numerical Optimization, algorithms 3.5 and 3.6), with safeguarded cubic interpolation
 * (exact in one step for a quadratic phi). It remembers the best point it has seen, so a failed
 * search still leaves the caller a point no worse than w.
 *
 * <p>Buffers belong to the caller; nothing is allocated.
 */
final class StrongWolfeLineSearch {

    /**
     * Outcome.
     *
     * @param success     true when the returned step satisfies both conditions
     * @param step        the accepted step, or the best step seen (0 if none improved) on failure
     * @param value       phi at that step
     * @param evaluations objective evaluations used
     * @param reason      why it failed, or null
     */
    record Result(boolean success, double step, double value, int evaluations, String reason) {
    }

    private final double c1;
    private final double c2;
    private final int maxEvaluations;

    StrongWolfeLineSearch(double c1, double c2, int maxEvaluations) {
        if (!(0 < c1 && c1 < c2 && c2 < 1)) {
            throw new IllegalArgumentException("the strong Wolfe constants need 0 < c1 < c2 < 1, not c1=" + c1 + ", c2=" + c2);
        }
        this.c1 = c1;
        this.c2 = c2;
        this.maxEvaluations = Math.max(2, maxEvaluations);
    }

    /**
     * Searches from {@code w} along {@code d}.
     *
     * @param f0         E(w)
     * @param slope0     g(w)'d, must be negative
     * @param initial    first trial step (> 0)
     * @param trial      receives the accepted (or best) point
     * @param gradient   receives the gradient at the accepted (or best) point
     * @param scratch    work buffer for the trial gradients
     */
    Result search(Objective objective, double[] w, double[] d, double f0, double slope0, double initial,
                  double[] trial, double[] gradient, double[] scratch) {
        if (!(slope0 < 0)) {
            return new Result(false, 0, f0, 0, "the direction is not a descent direction (slope " + slope0 + ")");
        }
        int evaluations = 0;
        double bestStep = 0;
        double bestValue = f0;
        double previousStep = 0;
        double previousValue = f0;
        double previousSlope = slope0;
        double step = initial > 0 && Double.isFinite(initial) ? initial : 1.0;
        double[] g = scratch;
        boolean first = true;
        while (evaluations < maxEvaluations) {
            double value = evaluate(objective, w, d, step, trial, g);
            evaluations++;
            double slope = dot(g, d);
            if (value < bestValue) {
                bestValue = value;
                bestStep = step;
                System.arraycopy(g, 0, gradient, 0, g.length);
            }
            if (!Double.isFinite(value) || value > f0 + c1 * step * slope0 || (!first && value >= previousValue)) {
                return zoom(objective, w, d, f0, slope0, previousStep, previousValue, previousSlope, step, value, slope,
                        evaluations, bestStep, bestValue, trial, gradient, g);
            }
            if (Math.abs(slope) <= -c2 * slope0) {
                System.arraycopy(g, 0, gradient, 0, g.length);
                return new Result(true, step, value, evaluations, null);
            }
            if (slope >= 0) {
                return zoom(objective, w, d, f0, slope0, step, value, slope, previousStep, previousValue, previousSlope,
                        evaluations, bestStep, bestValue, trial, gradient, g);
            }
            // still descending: extrapolate, between 2 and 10 times further
            double next = cubicMinimizer(previousStep, previousValue, previousSlope, step, value, slope);
            double low = step + 2 * (step - previousStep);
            double high = step + 10 * (step - previousStep);
            next = Double.isFinite(next) && next > low ? Math.min(next, high) : low;
            previousStep = step;
            previousValue = value;
            previousSlope = slope;
            step = next;
            first = false;
        }
        return failure(objective, w, d, bestStep, bestValue, evaluations, trial, gradient,
                "no step satisfied the Wolfe conditions in " + maxEvaluations + " evaluations");
    }

    /** Algorithm 3.6: the bracket [lo, hi] contains steps satisfying the conditions; lo has the lower value. */
    private Result zoom(Objective objective, double[] w, double[] d, double f0, double slope0,
                        double lo, double fLo, double sLo, double hi, double fHi, double sHi, int evaluations,
                        double bestStep, double bestValue, double[] trial, double[] gradient, double[] g) {
        while (evaluations < maxEvaluations) {
            double width = hi - lo;
            if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo))) {
                return failure(objective, w, d, bestStep, bestValue, evaluations, trial, gradient,
                        "the bracket shrank to nothing (the direction may be too poor, or rounding dominates)");
            }
            double step = Double.isFinite(fHi) ? cubicMinimizer(lo, fLo, sLo, hi, fHi, sHi) : Double.NaN;
            // stay at least 10% of the bracket inside either end: guarantees progress
            double a = Math.min(lo, hi) + 0.1 * Math.abs(width);
            double b = Math.max(lo, hi) - 0.1 * Math.abs(width);
            if (!Double.isFinite(step) || step < a || step > b) {
                step = Double.isFinite(step) ? Math.max(a, Math.min(b, step)) : lo + 0.5 * width;
            }
            double value = evaluate(objective, w, d, step, trial, g);
            evaluations++;
            double slope = dot(g, d);
            if (value < bestValue) {
                bestValue = value;
                bestStep = step;
                System.arraycopy(g, 0, gradient, 0, g.length);
            }
            if (!Double.isFinite(value) || value > f0 + c1 * step * slope0 || value >= fLo) {
                hi = step;
                fHi = value;
                sHi = slope;
            } else {
                if (Math.abs(slope) <= -c2 * slope0) {
                    System.arraycopy(g, 0, gradient, 0, g.length);
                    return new Result(true, step, value, evaluations, null);
                }
                if (slope * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    sHi = sLo;
                }
                lo = step;
                fLo = value;
                sLo = slope;
            }
        }
        return failure(objective, w, d, bestStep, bestValue, evaluations, trial, gradient,
                "no step satisfied the Wolfe conditions in " + maxEvaluations + " evaluations");
    }

    /** Leaves {@code trial} at the best point seen (w itself when none improved). */
    private static Result failure(Objective objective, double[] w, double[] d, double bestStep, double bestValue,
                                  int evaluations, double[] trial, double[] gradient, String reason) {
        for (int i = 0; i < w.length; i++) {
            trial[i] = w[i] + bestStep * d[i];
        }
        return new Result(false, bestStep, bestValue, evaluations, reason);
    }

    private static double evaluate(Objective objective, double[] w, double[] d, double step, double[] trial, double[] g) {
        for (int i = 0; i < w.length; i++) {
            trial[i] = w[i] + step * d[i];
        }
        return objective.valueAndGradient(trial, g);
    }

    /**
     * Minimiser of the cubic that matches values and slopes at a and b (N&W eq 3.59), or NaN
     * when the cubic has no minimiser there.
     */
    static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        if (a == b) {
            return Double.NaN;
        }
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        double denominator = db - da + 2 * d2;
        if (denominator == 0) {
            return Double.NaN;
        }
        return b - (b - a) * (db + d2 - d1) / denominator;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

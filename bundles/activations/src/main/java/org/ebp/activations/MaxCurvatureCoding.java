package org.ebp.activations;

import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.model.Activation;
import org.ebp.api.model.TargetCoding;
import org.osgi.service.component.annotations.Component;

/**
 * Targets at the points where the output activation bends most (section 1.4.5): the maxima of
 * |f''| on the two sides of the inflection point, x- and x+, give off = f(x-) and on = f(x+).
 * Targets there keep the outputs in the region where the sigmoid is most nonlinear, never at the
 * asymptotes. For the recommended 1.7159 tanh(2x/3) the points are x = +-0.988 and the levels
 * +-0.9907, close to the paper's +-1; for the logistic they are x = +-ln(2 + sqrt 3) = +-1.317 and
 * the levels 0.211 and 0.789.
 *
 * <p>Found numerically for any elementwise activation: a dense scan of f'' over
 * [-search, search] finds the largest |f''| and the largest |f''| of the opposite sign (the other
 * side of the inflection point, where f'' changes sign); each is then refined by bisection on the
 * sign of the slope of |f''| (a central difference of f''), to 1e-9 in x.
 */
@Component(service = TargetCoding.class, property = {"ebp.kind=target-coding", "ebp.name=" + MaxCurvatureCoding.NAME})
public final class MaxCurvatureCoding implements TargetCoding {

    static final String NAME = "max-curvature";

    /** Below this, |f''| counts as zero: the activation has no usable curvature. */
    private static final double NO_CURVATURE = 1e-12;
    /** Refinement stops when the bracket is this narrow (absolute, in x). */
    private static final double X_TOLERANCE = 1e-10;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("search", 20.0, 1e-3, 1e6,
                    "half-width of the interval [-search, search] scanned for the maxima of |f''|"),
            ParameterSpec.integer("points", 20_000, 100, 10_000_000,
                    "scan intervals in that interval before refinement; raise for very narrow activations"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "targets at the output activation's points of maximum |f''|, found numerically (sec. 1.4.5)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /**
     * @throws IllegalArgumentException when the activation is not elementwise, has no curvature,
     *                                  has f'' of one sign only, or |f''| peaks at the edge of the
     *                                  search interval
     */
    @Override
    public Levels levels(Activation output, Settings settings) {
        ActivationRange.require(output, NAME);
        if (!output.elementwise()) {
            throw new IllegalArgumentException("target coding 'max-curvature' needs an elementwise output activation;"
                    + " " + ActivationRange.describe(output) + " couples its units; use target coding 'one-hot' with it");
        }
        double[] points = maximumCurvaturePoints(output, settings.getDouble("search"), settings.getInt("points"));
        double a = output.value(points[0]);
        double b = output.value(points[1]);
        return new Levels(Math.min(a, b), Math.max(a, b));
    }

    /**
     * The two points of maximum |f''| on either side of the inflection point, in increasing order.
     *
     * @param halfWidth scan [-halfWidth, halfWidth]
     * @param intervals number of scan intervals
     */
    static double[] maximumCurvaturePoints(Activation f, double halfWidth, int intervals) {
        double step = 2.0 * halfWidth / intervals;
        double[] curvature = new double[intervals + 1];
        int strongest = 0;
        for (int i = 0; i <= intervals; i++) {
            double x = -halfWidth + i * step;
            double c = f.secondDerivative(x);
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("target coding 'max-curvature': f''(" + x + ") of " + ActivationRange.describe(f)
                        + " is " + c + "; use target coding 'low-high' with it");
            }
            curvature[i] = c;
            if (Math.abs(c) > Math.abs(curvature[strongest])) {
                strongest = i;
            }
        }
        if (Math.abs(curvature[strongest]) <= NO_CURVATURE) {
            throw new IllegalArgumentException("target coding 'max-curvature': f'' of " + ActivationRange.describe(f)
                    + " is zero everywhere in [-" + halfWidth + ", " + halfWidth + "], so it has no point of maximum"
                    + " curvature; use target coding "
                    + (f.lowerBound() < -1 && f.upperBound() > 1 ? "'pm1' or 'low-high'" : "'low-high'") + " with it");
        }
        // The other side of the inflection point is where f'' has the opposite sign.
        double sign = Math.signum(curvature[strongest]);
        int opposite = -1;
        for (int i = 0; i <= intervals; i++) {
            if (curvature[i] * sign < 0.0 && (opposite < 0 || Math.abs(curvature[i]) > Math.abs(curvature[opposite]))) {
                opposite = i;
            }
        }
        if (opposite < 0 || Math.abs(curvature[opposite]) <= NO_CURVATURE) {
            throw new IllegalArgumentException("target coding 'max-curvature': f'' of " + ActivationRange.describe(f)
                    + " does not change sign in [-" + halfWidth + ", " + halfWidth + "] (no inflection point), so there"
                    + " is no pair of maximum-curvature points; use target coding 'low-high' with it");
        }
        for (int i : new int[] {strongest, opposite}) {
            if (i == 0 || i == intervals) {
                throw new IllegalArgumentException("target coding 'max-curvature': |f''| of " + ActivationRange.describe(f)
                        + " is largest at the edge x=" + (-halfWidth + i * step) + " of the search interval;"
                        + " widen it with search=..., or use target coding 'low-high'");
            }
        }
        double x1 = refine(f, -halfWidth + (strongest - 1) * step, -halfWidth + (strongest + 1) * step, step);
        double x2 = refine(f, -halfWidth + (opposite - 1) * step, -halfWidth + (opposite + 1) * step, step);
        return new double[] {Math.min(x1, x2), Math.max(x1, x2)};
    }

    /**
     * The maximum of |f''| in [lo, hi], a bracket around a scan maximum. Bisection on the sign of
     * the slope of |f''| locates it far more precisely than comparing values of |f''|, which are
     * flat to rounding within about sqrt(machine epsilon) = 1.5e-8 of the maximum. The slope is a
     * central difference of f'' with a step h much smaller than the scan step (so it stays local):
     * its rounding error, about 1e-16 |f''|, then moves the zero of the slope by only about
     * 1e-16 / h (1e-11 for h = 1e-5), and its truncation error by about h^2 (1e-10).
     * Falls back to golden-section search on |f''| if the slope does not change sign in the bracket.
     */
    private static double refine(Activation f, double lo, double hi, double scanStep) {
        double h = Math.min(1e-5, scanStep * 1e-3);
        double sign = Math.signum(f.secondDerivative(0.5 * (lo + hi)));
        if (slope(f, lo, h, sign) > 0.0 && slope(f, hi, h, sign) < 0.0) {
            for (int iteration = 0; iteration < 200 && hi - lo > X_TOLERANCE; iteration++) {
                double mid = 0.5 * (lo + hi);
                if (slope(f, mid, h, sign) > 0.0) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return 0.5 * (lo + hi);
        }
        return goldenSection(f, lo, hi);
    }

    /** Slope of |f''| = sign * f'' on one side of the inflection point, by a central difference. */
    private static double slope(Activation f, double x, double h, double sign) {
        return sign * (f.secondDerivative(x + h) - f.secondDerivative(x - h));
    }

    private static double goldenSection(Activation f, double lo, double hi) {
        final double inverseRatio = (Math.sqrt(5.0) - 1.0) / 2.0;
        double a = hi - inverseRatio * (hi - lo);
        double b = lo + inverseRatio * (hi - lo);
        double fa = Math.abs(f.secondDerivative(a));
        double fb = Math.abs(f.secondDerivative(b));
        for (int iteration = 0; iteration < 200 && hi - lo > X_TOLERANCE; iteration++) {
            if (fa >= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - inverseRatio * (hi - lo);
                fa = Math.abs(f.secondDerivative(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + inverseRatio * (hi - lo);
                fb = Math.abs(f.secondDerivative(b));
            }
        }
        return 0.5 * (lo + hi);
    }
}

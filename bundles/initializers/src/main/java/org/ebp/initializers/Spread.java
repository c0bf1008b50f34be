package org.ebp.initializers;

import java.util.SplittableRandom;

/**
 * A zero-mean distribution to draw parameters from: normal with standard deviation
 * {@code scale}, or uniform on [-scale, scale).
 */
record Spread(boolean normal, double scale) {

    /** Square root of 3: U[-sqrt(3) s, sqrt(3) s] has standard deviation s (eq 16). */
    static final double SQRT3 = Math.sqrt(3.0);

    static Spread normal(double standardDeviation) {
        return new Spread(true, standardDeviation);
    }

    static Spread uniform(double halfWidth) {
        return new Spread(false, halfWidth);
    }

    /** Normal with that standard deviation, or the uniform distribution with the same one. */
    static Spread withStandardDeviation(boolean normal, double standardDeviation) {
        return normal ? normal(standardDeviation) : uniform(SQRT3 * standardDeviation);
    }

    /** Fills {@code w[from .. to)} with draws taken only from {@code random}. */
    void fill(double[] w, int from, int to, SplittableRandom random) {
        if (normal) {
            for (int i = from; i < to; i++) {
                w[i] = scale * random.nextGaussian();
            }
        } else {
            // nextDouble(origin, bound) draws from [origin, bound).
            for (int i = from; i < to; i++) {
                w[i] = random.nextDouble(-scale, scale);
            }
        }
    }
}

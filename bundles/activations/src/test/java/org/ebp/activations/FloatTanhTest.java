package org.ebp.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float32 tanh of the float training path against {@code Math.tanh} in double. */
class FloatTanhTest {

    @Test
    void staysWithinItsStatedErrorOnADenseGridAndAtRandomFloats() {
        double worst = 0;
        for (int k = -200_000; k <= 200_000; k++) {
            float x = k * 5e-5f; // [-10, 10], past the clamp at 7.9
            worst = Math.max(worst, Math.abs(FloatTanh.tanh(x) - Math.tanh(x)));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 200_000; k++) {
            float x = (float) (random.nextGaussian() * Math.exp(random.nextDouble(-12, 4)));
            worst = Math.max(worst, Math.abs(FloatTanh.tanh(x) - Math.tanh(x)));
        }
        assertTrue(worst <= FloatTanh.MAX_ERROR, "max |error| " + worst);
        // a float ulp at 1 is 6e-8: the bound is a few ulps, not a looser approximation
        assertTrue(worst > 0);
    }

    @Test
    void isOddSaturatesAndHandlesInfinitiesWithoutNaN() {
        for (float x : new float[] {1e-30f, 1e-6f, 0.3f, 1f, 2.5f, 7f, 9f, 1e30f}) {
            assertEquals(-FloatTanh.tanh(x), FloatTanh.tanh(-x), 0f);
        }
        assertEquals(1f, FloatTanh.tanh(Float.POSITIVE_INFINITY), 1e-6f);
        assertEquals(-1f, FloatTanh.tanh(Float.NEGATIVE_INFINITY), 1e-6f);
        assertEquals(0f, FloatTanh.tanh(0f), 0f);
        assertTrue(Float.isNaN(FloatTanh.tanh(Float.NaN)), "NaN must stay visible to the divergence checks");
    }

    @Test
    void floatBlocksOfTanhAndScaledTanhMatchTheirDoubleBlocks() {
        int n = 4001;
        float[] z = new float[n];
        double[] zd = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (i - n / 2) * 0.004f;
            zd[i] = z[i];
        }
        for (org.ebp.api.model.Activation f : new org.ebp.api.model.Activation[] {new Tanh(), new ScaledTanh()}) {
            float[] y = new float[n];
            float[] d = new float[n];
            double[] yd = new double[n];
            double[] dd = new double[n];
            f.forward(z, y, 0, n);
            f.derivative(z, y, d, 0, n);
            f.forward(zd, yd, 0, n);
            f.derivative(zd, yd, dd, 0, n);
            double amplitude = f.upperBound();
            for (int i = 0; i < n; i++) {
                // the kernel's error times the amplitude, plus float rounding of the scaled argument and result
                assertEquals(yd[i], y[i], amplitude * (FloatTanh.MAX_ERROR + 4e-7), f.name() + " f at " + z[i]);
                assertEquals(dd[i], d[i], 2e-6, f.name() + " f' at " + z[i]);
            }
        }
    }
}

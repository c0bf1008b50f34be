package org.ebp.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ElliottActivationTest {

    private final ElliottActivation f = new ElliottActivation();
    private static final double[] POINTS = {-50, -3, -1, -0.3, -1e-3, 1e-3, 0.2, 0.9, 2.5, 40};

    @Test
    void valuesAndRange() {
        assertEquals(0.5, f.value(1), 0);
        assertEquals(-0.75, f.value(-3), 0);
        assertEquals(0, f.value(0), 0);
        for (double x : POINTS) {
            assertTrue(f.value(x) > f.lowerBound() && f.value(x) < f.upperBound());
            assertEquals(-f.value(x), f.value(-x), 0, "odd function");
        }
    }

    @Test
    void derivativesMatchCentralDifferences() {
        // h = 1e-5: the central-difference error is O(h^2 f''') ~ 1e-10 for |x| >= 1e-3 (away from
        // the kink of |x| at 0, where f'' jumps); rounding adds ~1e-16/h = 1e-11
        double h = 1e-5;
        for (double x : POINTS) {
            double numeric = (f.value(x + h) - f.value(x - h)) / (2 * h);
            assertEquals(numeric, f.derivative(x), 1e-8, "f'(" + x + ")");
            double numeric2 = (f.derivative(x + h) - f.derivative(x - h)) / (2 * h);
            assertEquals(numeric2, f.secondDerivative(x), 1e-6, "f''(" + x + ")");
        }
    }

    @Test
    void blockMethodsAgreeWithScalarOnes() {
        double[] y = new double[POINTS.length];
        double[] d = new double[POINTS.length];
        f.forward(POINTS, y, 0, POINTS.length);
        f.derivative(POINTS, y, d, 0, POINTS.length);
        for (int i = 0; i < POINTS.length; i++) {
            assertEquals(f.value(POINTS[i]), y[i], 0);
            // (1-|y|)^2 and 1/(1+|x|)^2 differ only by rounding
            assertEquals(f.derivative(POINTS[i]), d[i], 1e-15);
        }
    }
}

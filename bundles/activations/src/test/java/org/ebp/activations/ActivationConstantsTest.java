package org.ebp.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The constants and ranges the paper states for each activation (section 1.4.4). */
class ActivationConstantsTest {

    private final ScaledTanh scaledTanh = new ScaledTanh();

    /** Section 7 of the digest: f(1) = 1 within 1e-5 (1.7159 is rounded to 4 decimals). */
    @Test
    void scaledTanhMapsPlusMinusOneToPlusMinusOne() {
        assertEquals(1.0, scaledTanh.value(1.0), 1e-5);
        assertEquals(-1.0, scaledTanh.value(-1.0), 1e-5);
    }

    /** f'(0) = 1.7159 * 2/3 = 1.14393..., quoted as 1.1439. */
    @Test
    void scaledTanhHasSlopeOnePointOneFourThreeNineAtTheOrigin() {
        assertEquals(1.1439, scaledTanh.derivative(0.0), 5e-5);
        assertEquals(1.7159 * 2.0 / 3.0, scaledTanh.derivative(0.0), 1e-15);
    }

    @Test
    void scaledTanhRangeIsPlusMinusOnePointSevenOneFiveNine() {
        assertEquals(-1.7159, scaledTanh.lowerBound(), 0.0);
        assertEquals(1.7159, scaledTanh.upperBound(), 0.0);
        assertEquals(1.7159, scaledTanh.value(40.0), 1e-15);
    }

    /** |f''| of A tanh(Sx) peaks where tanh(Sx) = 1/sqrt 3, i.e. x = 1.5 atanh(1/sqrt 3) = 0.98776. */
    @Test
    void scaledTanhCurvatureIsLargestNearPlusMinusPointNineEightEight() {
        double[] x = MaxCurvatureCoding.maximumCurvaturePoints(scaledTanh, 20.0, 20_000);
        assertEquals(-0.988, x[0], 5e-4);
        assertEquals(0.988, x[1], 5e-4);
    }

    @Test
    void rangesAreAsDeclared() {
        assertEquals(0.0, new Logistic().lowerBound());
        assertEquals(1.0, new Logistic().upperBound());
        assertEquals(-1.0, new Tanh().lowerBound());
        assertEquals(1.0, new Tanh().upperBound());
        assertEquals(Double.NEGATIVE_INFINITY, new Linear().lowerBound());
        assertEquals(Double.POSITIVE_INFINITY, new Linear().upperBound());
        assertEquals(0.0, new Relu().lowerBound());
        assertEquals(Double.POSITIVE_INFINITY, new Relu().upperBound());
        assertEquals(Double.NEGATIVE_INFINITY, new TwistedTanh().lowerBound());
        assertEquals(Double.POSITIVE_INFINITY, new TwistedTanh().upperBound());
    }

    @Test
    void logisticIsOneHalfAtTheOriginWithSlopeOneQuarter() {
        assertEquals(0.5, new Logistic().value(0.0), 0.0);
        assertEquals(0.25, new Logistic().derivative(0.0), 0.0);
    }

    @Test
    void reluHasNoCurvature() {
        Relu relu = new Relu();
        for (double x = -5; x <= 5; x += 0.25) {
            assertEquals(0.0, relu.secondDerivative(x), 0.0);
        }
        assertEquals(0.0, relu.derivative(-1.0));
        assertEquals(1.0, relu.derivative(1.0));
    }

    /** The twisting term keeps f' >= a: no flat spots even deep in saturation. */
    @Test
    void twistedTanhSlopeNeverFallsBelowTheTwist() {
        TwistedTanh twisted = new TwistedTanh();
        assertEquals(0.1, twisted.twist(), 0.0);
        for (double x = -30; x <= 30; x += 0.5) {
            assertTrue(twisted.derivative(x) >= 0.1, "f'(" + x + ")");
        }
        assertEquals(0.1, twisted.derivative(30.0), 1e-15);
    }

    @Test
    void twistedTanhRefusesANonPositiveOrNonFiniteTwist() {
        for (double a : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TwistedTanh(a));
            assertTrue(e.getMessage().contains("twisted-tanh"), e.getMessage());
        }
    }

    @Test
    void onlySoftmaxCouplesItsUnits() {
        assertFalse(new Softmax().elementwise());
        assertTrue(new ScaledTanh().elementwise());
        assertTrue(new Logistic().elementwise());
    }
}

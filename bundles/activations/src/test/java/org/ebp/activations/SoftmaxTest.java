package org.ebp.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftmaxTest {

    private final Softmax softmax = new Softmax();

    @Test
    void rowSumsToOneAndMatchesTheDefinition() {
        double[] z = {0.3, -1.2, 2.5, 0.0, 1.1};
        double[] y = new double[z.length];
        softmax.forwardRow(z, y, 0, z.length);
        double denominator = 0;
        for (double v : z) {
            denominator += Math.exp(v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            // Both forms are a few roundings from the true value, which is at most 1.
            assertEquals(Math.exp(z[k]) / denominator, y[k], 1e-15);
            sum += y[k];
        }
        assertEquals(1.0, sum, 1e-15);
    }

    /** e^1000 overflows; subtracting the row maximum must keep the result exact and finite. */
    @Test
    void largeInputsDoNotOverflow() {
        double[] z = {1000.0, 999.0, 998.0};
        double[] y = new double[3];
        softmax.forwardRow(z, y, 0, 3);
        double[] shifted = new double[3];
        softmax.forwardRow(new double[] {2.0, 1.0, 0.0}, shifted, 0, 3);
        assertArrayEquals(shifted, y, 1e-15);
        assertEquals(1.0, y[0] + y[1] + y[2], 1e-15);

        double[] extreme = {1000.0, -1000.0};
        softmax.forwardRow(extreme, extreme, 0, 2);
        assertEquals(1.0, extreme[0], 0.0);
        assertEquals(0.0, extreme[1], 0.0);
    }

    @Test
    void rowsOfABatchAreIndependentAndInPlaceWorks() {
        double[] batch = {1.0, 2.0, 3.0, /* row 2 */ 3.0, 2.0, 1.0};
        double[] copy = batch.clone();
        double[] y = new double[6];
        softmax.forwardRow(copy, y, 0, 3);
        softmax.forwardRow(copy, y, 3, 3);
        softmax.forwardRow(batch, batch, 0, 3);
        softmax.forwardRow(batch, batch, 3, 3);
        assertArrayEquals(y, batch, 0.0);
        assertEquals(y[0], y[5], 1e-16);
        assertEquals(1.0, y[3] + y[4] + y[5], 1e-15);
    }

    /**
     * The block derivative is the Jacobian diagonal dy_k/dz_k = y_k(1 - y_k). Central difference of
     * forwardRow with h = 1e-5: truncation h^2/6 |d3y/dz3| <= 2e-11, rounding eps/h ~ 2e-11;
     * tolerance 1e-9.
     */
    @Test
    void derivativeIsTheJacobianDiagonal() {
        double[] z = {0.4, -0.7, 1.9, 0.05};
        double[] y = new double[4];
        double[] d = new double[4];
        softmax.forwardRow(z, y, 0, 4);
        softmax.derivative(z, y, d, 0, 4);
        double h = 1e-5;
        double[] plus = new double[4];
        double[] minus = new double[4];
        for (int k = 0; k < 4; k++) {
            double[] zp = z.clone();
            double[] zm = z.clone();
            zp[k] += h;
            zm[k] -= h;
            softmax.forwardRow(zp, plus, 0, 4);
            softmax.forwardRow(zm, minus, 0, 4);
            assertEquals((plus[k] - minus[k]) / (2 * h), d[k], 1e-9, "dy_" + k + "/dz_" + k);
        }
    }

    @Test
    void scalarMethodsAndElementwiseForwardExplainThatSoftmaxNeedsARow() {
        for (Runnable call : new Runnable[] {
                () -> softmax.value(1.0), () -> softmax.derivative(1.0), () -> softmax.secondDerivative(1.0),
                () -> softmax.forward(new double[2], new double[2], 0, 2)}) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, call::run);
            assertTrue(e.getMessage().contains("forwardRow"), e.getMessage());
        }
    }

    @Test
    void divergedInputsAreRefusedWithAHint() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> softmax.forwardRow(new double[] {0.0, Double.NaN}, new double[2], 0, 2));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> softmax.forwardRow(new double[] {Double.POSITIVE_INFINITY, 0.0}, new double[2], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> softmax.forwardRow(new double[2], new double[2], 0, 0));
    }

    @Test
    void rangeIsZeroToOne() {
        assertEquals(0.0, softmax.lowerBound());
        assertEquals(1.0, softmax.upperBound());
    }
}

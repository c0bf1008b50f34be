package org.ebp.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.ebp.api.model.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * f, f' and f'' of every elementwise activation agree with central finite differences, and the
 * fused block methods agree with the scalar ones.
 */
class ElementwiseActivationTest {

    static Stream<Activation> activations() {
        return Stream.of(new Logistic(), new Tanh(), new ScaledTanh(), new Linear(), new Relu(),
                new TwistedTanh(), new TwistedTanh(0.5),
                new TwistedTanh(0.2, TwistedTanh.Base.SCALED_TANH), new TwistedTanh(0.05, TwistedTanh.Base.LOGISTIC));
    }

    /**
     * Test points in [-8, 8]: both tails and the bend of every sigmoid. The step 0.173 never lands
     * within 1e-3 of 0, where relu has its kink and no derivative.
     */
    private static double[] points() {
        double[] x = new double[93];
        for (int i = 0; i < x.length; i++) {
            x[i] = -8.0 + 0.173 * i;
        }
        return x;
    }

    /**
     * Central difference (f(x+h) - f(x-h)) / 2h with h = 1e-5: truncation error h^2/6 |f'''| is
     * below 2e-10 for these functions (|f'''| <= 2), rounding error eps |f| / h is below 2e-10 for
     * |f| <= 9. Tolerance 1e-8 leaves a wide margin yet catches any wrong formula or constant.
     */
    private static final double H = 1e-5;
    private static final double FIRST_DIFFERENCE_TOLERANCE = 1e-8;

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void firstDerivativeMatchesCentralDifferenceOfValue(Activation f) {
        for (double x : points()) {
            double numeric = (f.value(x + H) - f.value(x - H)) / (2 * H);
            assertEquals(numeric, f.derivative(x), FIRST_DIFFERENCE_TOLERANCE, f.name() + " f'(" + x + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void secondDerivativeMatchesCentralDifferenceOfFirst(Activation f) {
        for (double x : points()) {
            double numeric = (f.derivative(x + H) - f.derivative(x - H)) / (2 * H);
            assertEquals(numeric, f.secondDerivative(x), FIRST_DIFFERENCE_TOLERANCE, f.name() + " f''(" + x + ")");
        }
    }

    /**
     * Independent of f': (f(x+h) - 2f(x) + f(x-h)) / h^2 with h = 1e-4. Truncation h^2/12 |f''''|
     * is below 1e-8; rounding 4 eps |f| / h^2 is below 1e-6 for |f| <= 9; tolerance 3e-6.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void secondDerivativeMatchesSecondDifferenceOfValue(Activation f) {
        double h = 1e-4;
        for (double x : points()) {
            double numeric = (f.value(x + h) - 2 * f.value(x) + f.value(x - h)) / (h * h);
            assertEquals(numeric, f.secondDerivative(x), 3e-6, f.name() + " f''(" + x + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void blockForwardEqualsScalarValue(Activation f) {
        double[] z = points();
        double[] y = new double[z.length];
        f.forward(z, y, 0, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(f.value(z[i]), y[i], 0.0, f.name() + " at " + z[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void forwardWorksInPlace(Activation f) {
        double[] z = points();
        double[] y = new double[z.length];
        f.forward(z, y, 0, z.length);
        double[] inPlace = z.clone();
        f.forward(inPlace, inPlace, 0, inPlace.length);
        assertTrue(Arrays.equals(y, inPlace), f.name());
    }

    /**
     * The block derivative is computed from y (e.g. 1 - y^2) rather than from z; it differs from
     * the scalar one only by rounding. Recovering tanh(z) = y - a z in twisted-tanh cancels up to
     * |a z| <= 4 against |y| <= 5, so allow a few ulps of 5: 1e-14.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void blockDerivativeFromOutputsEqualsScalarDerivative(Activation f) {
        double[] z = points();
        double[] y = new double[z.length];
        double[] d = new double[z.length];
        f.forward(z, y, 0, z.length);
        f.derivative(z, y, d, 0, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(f.derivative(z[i]), d[i], 1e-14, f.name() + " at " + z[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void blockMethodsTouchOnlyTheirRange(Activation f) {
        double[] z = points();
        double[] y = new double[z.length];
        double[] d = new double[z.length];
        Arrays.fill(y, Double.NaN);
        Arrays.fill(d, Double.NaN);
        f.forward(z, y, 10, 20);
        f.derivative(z, y, d, 10, 20);
        for (int i = 0; i < z.length; i++) {
            boolean inside = i >= 10 && i < 20;
            assertEquals(inside, !Double.isNaN(y[i]), f.name() + " y[" + i + "]");
            assertEquals(inside, !Double.isNaN(d[i]), f.name() + " d[" + i + "]");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void valuesAndDerivativesStayFiniteAndInRangeForLargeInputs(Activation f) {
        for (double x : new double[] {-800, -50, 50, 800}) {
            double v = f.value(x);
            assertTrue(Double.isFinite(v) && Double.isFinite(f.derivative(x)) && Double.isFinite(f.secondDerivative(x)),
                    f.name() + " at " + x);
            assertTrue(v >= f.lowerBound() && v <= f.upperBound(), f.name() + " f(" + x + ")=" + v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void valuesLieInsideTheDeclaredRange(Activation f) {
        for (double x : points()) {
            double v = f.value(x);
            assertTrue(v > f.lowerBound() || (f instanceof Relu && v == 0.0), f.name() + " f(" + x + ")=" + v);
            assertTrue(v < f.upperBound(), f.name() + " f(" + x + ")=" + v);
        }
    }
}

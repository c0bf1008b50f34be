package org.ebp.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.model.Activation;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.model.TargetCoding.Levels;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Target levels of every coding (section 1.4.5). */
class TargetCodingTest {

    private static Levels levels(TargetCoding coding, Activation output) {
        return coding.levels(output, coding.defaults());
    }

    private static Levels levels(TargetCoding coding, Activation output, Map<String, String> settings) {
        return coding.levels(output, coding.settings(settings));
    }

    @Nested
    class PlusMinusOne {
        private final PlusMinusOneCoding pm1 = new PlusMinusOneCoding();

        @Test
        void givesMinusOneAndPlusOneForTheRecommendedSigmoid() {
            assertEquals(new Levels(-1.0, 1.0), levels(pm1, new ScaledTanh()));
        }

        @Test
        void acceptsUnboundedActivations() {
            assertEquals(new Levels(-1.0, 1.0), levels(pm1, new Linear()));
            assertEquals(new Levels(-1.0, 1.0), levels(pm1, new TwistedTanh()));
        }

        @Test
        void refusesLogisticNamingItAndItsRangeAndSuggestingAnotherCoding() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> levels(pm1, new Logistic()));
            assertTrue(e.getMessage().contains("logistic"), e.getMessage());
            assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
            assertTrue(e.getMessage().contains("low-high"), e.getMessage());
        }

        /** +-1 are tanh's asymptotes: unreachable, so refused (section 1.4.5). */
        @Test
        void refusesTanhWhoseAsymptotesArePlusMinusOne() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> levels(pm1, new Tanh()));
            assertTrue(e.getMessage().contains("'tanh'"), e.getMessage());
        }

        @Test
        void refusesReluAndSoftmax() {
            assertThrows(IllegalArgumentException.class, () -> levels(pm1, new Relu()));
            assertThrows(IllegalArgumentException.class, () -> levels(pm1, new Softmax()));
        }
    }

    @Nested
    class OneHot {
        private final OneHotCoding oneHot = new OneHotCoding();

        @Test
        void givesZeroAndOneForSoftmaxAndLogistic() {
            assertEquals(new Levels(0.0, 1.0), levels(oneHot, new Softmax()));
            assertEquals(new Levels(0.0, 1.0), levels(oneHot, new Logistic()));
        }

        @Test
        void encodesOneOfN() {
            double[] row = new double[5];
            oneHot.encode(2, 4, levels(oneHot, new Softmax()), row, 1);
            assertArrayEquals(new double[] {0, 0, 0, 1, 0}, row, 0.0);
        }

        @Test
        void refusesAnActivationWhoseRangeMissesZeroOrOne() {
            Activation shifted = new ShiftedLogistic(0.0, 2.0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> levels(oneHot, shifted));
            assertTrue(e.getMessage().contains("shifted-logistic"), e.getMessage());
        }
    }

    @Nested
    class LowHigh {
        private final LowHighCoding lowHigh = new LowHighCoding();

        @Test
        void givesExactlyPointOneAndPointNineForLogistic() {
            assertEquals(new Levels(0.1, 0.9), levels(lowHigh, new Logistic()));
        }

        /** a + low (b - a) over (-1, 1): -0.8 and 0.8 up to one rounding. */
        @Test
        void mapsTheFractionsIntoABoundedRange() {
            Levels tanh = levels(lowHigh, new Tanh());
            assertEquals(-0.8, tanh.off(), 1e-15);
            assertEquals(0.8, tanh.on(), 1e-15);
            Levels scaled = levels(lowHigh, new ScaledTanh(), Map.of("low", "0.2", "high", "0.75"));
            assertEquals(-1.7159 + 0.2 * 3.4318, scaled.off(), 1e-15);
            assertEquals(-1.7159 + 0.75 * 3.4318, scaled.on(), 1e-15);
        }

        @Test
        void usesTheValuesAsGivenForAnInfiniteRange() {
            assertEquals(new Levels(0.1, 0.9), levels(lowHigh, new Linear()));
            assertEquals(new Levels(-3.0, 2.5), levels(lowHigh, new TwistedTanh(), Map.of("low", "-3", "high", "2.5")));
            assertEquals(new Levels(0.5, 4.0), levels(lowHigh, new Relu(), Map.of("low", "0.5", "high", "4")));
        }

        @Test
        void refusesValuesOutsideAHalfBoundedRange() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> levels(lowHigh, new Relu(), Map.of("low", "-0.5")));
            assertTrue(e.getMessage().contains("relu"), e.getMessage());
        }

        @Test
        void refusesLowNotBelowHigh() {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> levels(lowHigh, new Logistic(), Map.of("low", "0.9", "high", "0.1")));
            assertTrue(e.getMessage().contains("low < high"), e.getMessage());
        }

        /** Fractions 0 or 1 would put a target on an asymptote. */
        @Test
        void refusesFractionsOnTheAsymptotes() {
            assertThrows(InvalidSettingException.class, () -> levels(lowHigh, new Logistic(), Map.of("low", "0")));
            assertThrows(InvalidSettingException.class, () -> levels(lowHigh, new Tanh(), Map.of("high", "1")));
        }
    }

    @Nested
    class MaxCurvature {
        private final MaxCurvatureCoding maxCurvature = new MaxCurvatureCoding();

        /**
         * Logistic: f'' = y(1-y)(1-2y) peaks at x = +-ln(2 + sqrt 3), where y = 1/2 -+ sqrt(3)/6.
         * The refinement bisects to 1e-10 in x; allow 1e-8 for the finite-difference slope.
         */
        @Test
        void findsTheLogisticPointsAtLnTwoPlusRootThree() {
            double expected = Math.log(2.0 + Math.sqrt(3.0));
            double[] x = MaxCurvatureCoding.maximumCurvaturePoints(new Logistic(), 20.0, 20_000);
            assertEquals(-expected, x[0], 1e-8);
            assertEquals(expected, x[1], 1e-8);
            Levels levels = levels(maxCurvature, new Logistic());
            assertEquals(0.5 - Math.sqrt(3.0) / 6.0, levels.off(), 1e-9);
            assertEquals(0.5 + Math.sqrt(3.0) / 6.0, levels.on(), 1e-9);
            assertEquals(0.211, levels.off(), 5e-4);
            assertEquals(0.789, levels.on(), 5e-4);
        }

        /** Scaled tanh: levels +-1.7159/sqrt 3 = +-0.99067, within 1e-2 of the paper's +-1. */
        @Test
        void findsLevelsCloseToPlusMinusOneForTheRecommendedSigmoid() {
            Levels levels = levels(maxCurvature, new ScaledTanh());
            assertEquals(-1.0, levels.off(), 1e-2);
            assertEquals(1.0, levels.on(), 1e-2);
            assertEquals(-1.7159 / Math.sqrt(3.0), levels.off(), 1e-9);
            assertEquals(1.7159 / Math.sqrt(3.0), levels.on(), 1e-9);
        }

        /** tanh: |f''| peaks where tanh x = 1/sqrt 3; the twist a x does not change f''. */
        @Test
        void findsTanhAndTwistedTanhPoints() {
            double x = 0.5 * Math.log((1 + 1 / Math.sqrt(3.0)) / (1 - 1 / Math.sqrt(3.0)));
            Levels tanh = levels(maxCurvature, new Tanh());
            assertEquals(1 / Math.sqrt(3.0), tanh.on(), 1e-9);
            assertEquals(-1 / Math.sqrt(3.0), tanh.off(), 1e-9);
            Levels twisted = levels(maxCurvature, new TwistedTanh());
            assertEquals(1 / Math.sqrt(3.0) + 0.1 * x, twisted.on(), 1e-9);
            assertEquals(-1 / Math.sqrt(3.0) - 0.1 * x, twisted.off(), 1e-9);
        }

        /** Nothing assumes the inflection point at the origin: logistic(x - 3) + 2 bends at 3 +- 1.317. */
        @Test
        void findsThePointsOfASigmoidCentredAwayFromTheOrigin() {
            ShiftedLogistic shifted = new ShiftedLogistic(3.0, 2.0);
            double[] x = MaxCurvatureCoding.maximumCurvaturePoints(shifted, 20.0, 40_000);
            assertEquals(3.0 - Math.log(2.0 + Math.sqrt(3.0)), x[0], 1e-8);
            assertEquals(3.0 + Math.log(2.0 + Math.sqrt(3.0)), x[1], 1e-8);
            Levels levels = levels(maxCurvature, shifted, Map.of("points", "40000"));
            assertEquals(2.5 - Math.sqrt(3.0) / 6.0, levels.off(), 1e-9);
            assertEquals(2.5 + Math.sqrt(3.0) / 6.0, levels.on(), 1e-9);
        }

        @Test
        void refusesActivationsWithoutCurvature() {
            for (Activation flat : new Activation[] {new Linear(), new Relu()}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> levels(maxCurvature, flat));
                assertTrue(e.getMessage().contains(flat.name()) && e.getMessage().contains("zero everywhere"), e.getMessage());
            }
        }

        @Test
        void refusesSoftmaxPointingToOneHot() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> levels(maxCurvature, new Softmax()));
            assertTrue(e.getMessage().contains("softmax") && e.getMessage().contains("one-hot"), e.getMessage());
        }

        @Test
        void refusesASearchIntervalThatCutsOffTheMaximum() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> levels(maxCurvature, new Logistic(), Map.of("search", "0.5")));
            assertTrue(e.getMessage().contains("search="), e.getMessage());
        }
    }

    /** f(x) = logistic(x - inputShift) + shift: range (shift, shift + 1), inflection at inputShift. */
    private static final class ShiftedLogistic implements Activation {
        private final Logistic logistic = new Logistic();
        private final double inputShift;
        private final double shift;

        ShiftedLogistic(double inputShift, double shift) {
            this.inputShift = inputShift;
            this.shift = shift;
        }

        @Override
        public String name() {
            return "shifted-logistic";
        }

        @Override
        public String description() {
            return "test activation";
        }

        @Override
        public double value(double x) {
            return shift + logistic.value(x - inputShift);
        }

        @Override
        public double derivative(double x) {
            return logistic.derivative(x - inputShift);
        }

        @Override
        public double secondDerivative(double x) {
            return logistic.secondDerivative(x - inputShift);
        }

        @Override
        public double lowerBound() {
            return shift;
        }

        @Override
        public double upperBound() {
            return shift + 1.0;
        }
    }
}

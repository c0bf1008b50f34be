package org.ebp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.ebp.api.component.ComponentKind;
import org.ebp.api.model.Activation;
import org.junit.jupiter.api.Test;

/**
 * An activation's contract: f' and f'' agree with central differences of f and f', and f stays
 * inside {@code [lowerBound(), upperBound()]}, which target codings rely on (section 1.4.4).
 * Activations that couple units (softmax) are checked as components only.
 */
public abstract class ActivationConformance extends ComponentConformance<Activation> {

    @Override
    protected final ComponentKind kind() {
        return ComponentKind.ACTIVATION;
    }

    /**
     * Where derivatives are checked: -3.95 to 4.19 in steps of 0.37, which misses 0 (where a
     * kink such as relu's has no derivative). Override to avoid other kinks.
     */
    protected double[] samplePoints() {
        double[] x = new double[23];
        for (int i = 0; i < x.length; i++) {
            x[i] = -3.95 + 0.37 * i;
        }
        return x;
    }

    /**
     * Step h = 1e-5: the central difference's truncation error is h^2 |f'''| / 6, about 2e-11
     * for |f'''| below 1, and its rounding error about eps |f| / h, 2e-11 for |f| below 1; a
     * tolerance of 1e-6 (1 + |f'|) leaves room for steeper functions and still catches a wrong
     * formula (a factor, a sign, a missing term are off by far more).
     */
    private static final double H = 1e-5;

    private static double tolerance(double reference) {
        return 1e-6 * (1 + Math.abs(reference));
    }

    @Test
    public void firstDerivativeMatchesCentralDifferencesOfF() {
        Activation f = component();
        assumeTrue(f.elementwise(), "coupled activations have no elementwise derivative");
        for (double x : samplePoints()) {
            double numeric = (f.value(x + H) - f.value(x - H)) / (2 * H);
            assertEquals(numeric, f.derivative(x), tolerance(numeric), f.name() + ": f'(" + x + ")");
        }
    }

    @Test
    public void secondDerivativeMatchesCentralDifferencesOfFPrime() {
        Activation f = component();
        assumeTrue(f.elementwise(), "coupled activations have no elementwise derivative");
        for (double x : samplePoints()) {
            double numeric = (f.derivative(x + H) - f.derivative(x - H)) / (2 * H);
            assertEquals(numeric, f.secondDerivative(x), tolerance(numeric), f.name() + ": f''(" + x + ")");
        }
    }

    @Test
    public void valuesLieWithinTheDeclaredRange() {
        Activation f = component();
        assumeTrue(f.elementwise(), "a coupled activation's range is per row");
        assertTrue(f.lowerBound() < f.upperBound(), f.name() + ": lowerBound() must be below upperBound()");
        double[] far = {-50, -10, 10, 50};
        for (double[] points : new double[][] {samplePoints(), far}) {
            for (double x : points) {
                double y = f.value(x);
                assertTrue(y >= f.lowerBound() && y <= f.upperBound(), f.name() + ": f(" + x + ") = " + y
                        + " is outside the declared range [" + f.lowerBound() + ", " + f.upperBound() + "]");
            }
        }
    }

    @Test
    public void theBlockMethodsAgreeWithTheScalarOnes() {
        Activation f = component();
        assumeTrue(f.elementwise(), "coupled activations are checked per row by the engine");
        double[] z = samplePoints();
        double[] y = new double[z.length];
        double[] d = new double[z.length];
        f.forward(z, y, 0, z.length);
        f.derivative(z, y, d, 0, z.length);
        for (int i = 0; i < z.length; i++) {
            assertEquals(f.value(z[i]), y[i], 1e-12 * (1 + Math.abs(y[i])), f.name() + ": forward at " + z[i]);
            assertEquals(f.derivative(z[i]), d[i], 1e-12 * (1 + Math.abs(d[i])), f.name() + ": derivative block at " + z[i]);
        }
    }
}

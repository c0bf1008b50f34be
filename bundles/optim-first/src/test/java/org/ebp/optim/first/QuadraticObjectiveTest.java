package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The test problem itself: its gradient and its minimum are what the other tests rely on. */
class QuadraticObjectiveTest {

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        QuadraticObjective f = QuadraticObjective.withEigenvalues(new double[] {1, 3, 10}, new double[] {1, -2, 0.5});
        double[] w = {0.3, -0.7, 1.9};
        double[] g = new double[3];
        f.valueAndGradient(w, g);
        double h = 1e-5;
        for (int i = 0; i < 3; i++) {
            double[] plus = w.clone();
            double[] minus = w.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (f.value(plus) - f.value(minus)) / (2 * h);
            // A quadratic has no third derivative, so the central difference is exact up to rounding:
            // about 1e-16 * |f| / h = 1e-11 here.
            assertEquals(numeric, g[i], 1e-8, "component " + i);
        }
    }

    @Test
    void gradientVanishesAtTheConstructedMinimum() {
        double[] minimum = {1, -2, 0.5};
        QuadraticObjective f = QuadraticObjective.withEigenvalues(new double[] {1, 3, 10}, minimum);
        double[] g = new double[3];
        f.valueAndGradient(minimum, g);
        for (double gi : g) {
            // A and b are built with O(10) entries; rounding leaves about 1e-15.
            assertEquals(0.0, gi, 1e-13);
        }
    }
}

package org.ebp.optim.second;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The line search returns steps that satisfy both strong Wolfe conditions, and interpolates exactly on a parabola. */
class StrongWolfeLineSearchTest {

    /** From many starts and initial steps on Rosenbrock's valley, along steepest descent. */
    @Test
    void acceptedStepsSatisfyBothConditions() {
        LeastSquaresProblem problem = LeastSquaresProblem.rosenbrock();
        double[][] starts = {{-1.2, 1}, {0, 0}, {2, 2}, {-0.5, 1.5}, {1.5, -1}};
        for (double c2 : new double[] {0.9, 0.1, 1e-3}) {
            StrongWolfeLineSearch search = new StrongWolfeLineSearch(1e-4, c2, 50);
            for (double[] start : starts) {
                for (double initial : new double[] {1e-4, 0.01, 1, 100}) {
                    double[] g = new double[2];
                    double f0 = problem.valueAndGradient(start, g);
                    double[] d = {-g[0], -g[1]};
                    double slope0 = StrongWolfeLineSearch.dot(g, d);
                    double[] trial = new double[2];
                    double[] trialGradient = new double[2];
                    StrongWolfeLineSearch.Result r = search.search(problem, start, d, f0, slope0, initial, trial,
                            trialGradient, new double[2]);
                    assertTrue(r.success(), r.toString());
                    double[] gAt = new double[2];
                    double f = problem.valueAndGradient(trial, gAt);
                    assertEquals(f, r.value(), 0.0);
                    assertTrue(f <= f0 + 1e-4 * r.step() * slope0, "sufficient decrease");
                    assertTrue(Math.abs(StrongWolfeLineSearch.dot(gAt, d)) <= c2 * Math.abs(slope0), "curvature");
                    assertEquals(gAt[0], trialGradient[0], 0.0, "the gradient returned is the one at the step");
                }
            }
        }
    }

    @Test
    void cubicInterpolationIsExactForAParabola() {
        // phi(a) = (a - 0.7)^2: values and slopes at 0 and 2
        double m = StrongWolfeLineSearch.cubicMinimizer(0, 0.49, -1.4, 2, 1.69, 2.6);
        assertEquals(0.7, m, 1e-14);
    }

    @Test
    void anAscentDirectionIsRefusedWithoutEvaluating() {
        LeastSquaresProblem problem = LeastSquaresProblem.rosenbrock();
        StrongWolfeLineSearch.Result r = new StrongWolfeLineSearch(1e-4, 0.9, 10).search(problem, new double[] {0, 0},
                new double[] {1, 0}, 0.5, 1.0, 1, new double[2], new double[2], new double[2]);
        assertTrue(!r.success() && r.evaluations() == 0, r.toString());
    }
}

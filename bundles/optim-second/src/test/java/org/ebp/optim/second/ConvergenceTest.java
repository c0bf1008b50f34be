package org.ebp.optim.second;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.ebp.api.optim.Optimizer;
import org.ebp.compute.jblas.PureJavaCompute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every optimizer of this bundle minimises Rosenbrock's function and a convex quadratic. */
class ConvergenceTest {

    private static final PureJavaCompute COMPUTE = new PureJavaCompute();

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of(new ConjugateGradientOptimizer(), Map.of("beta", "pr"), 2000),
                Arguments.of(new ConjugateGradientOptimizer(), Map.of("beta", "fr"), 5000),
                Arguments.of(new BfgsOptimizer(), Map.of(), 500),
                Arguments.of(new LbfgsOptimizer(), Map.of("m", "5"), 500),
                Arguments.of(new GaussNewtonOptimizer(COMPUTE), Map.of(), 200),
                Arguments.of(new LevenbergMarquardtOptimizer(COMPUTE), Map.of(), 500),
                Arguments.of(new NewtonOptimizer(COMPUTE), Map.of(), 500),
                Arguments.of(new StochasticDiagonalLevenbergMarquardtOptimizer(), Map.of("lr", "0.5", "mu", "0.02"),
                        200_000));
    }

    /**
     * From the classic start (-1.2, 1) every method must reach the minimum (1, 1) to 1e-4: the
     * valley is curved and badly scaled (Hessian condition ~2500 at the minimum), so this checks
     * the line search, the memory updates and the damping, not just the direction.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void minimisesRosenbrock(Optimizer optimizer, Map<String, String> settings, int maxSteps) {
        LeastSquaresProblem problem = LeastSquaresProblem.rosenbrock();
        double[] w = {-1.2, 1};
        Runs.Outcome outcome = Runs.run(optimizer, settings, problem, w, maxSteps);
        assertEquals(1, w[0], 1e-4, optimizer.name() + " " + outcome);
        assertEquals(1, w[1], 1e-4, optimizer.name() + " " + outcome);
    }

    /** A 12-dimensional quadratic with condition 100: minimum where M'M w = M'c, reached to 1e-6. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optimizers")
    void minimisesAConvexQuadratic(Optimizer optimizer, Map<String, String> settings, int maxSteps) {
        LeastSquaresProblem problem = LeastSquaresProblem.quadratic(12, 100, 5);
        double[] w = new double[12];
        Runs.run(optimizer, settings, problem, w, maxSteps);
        double[] g = new double[12];
        double e = problem.valueAndGradient(w, g);
        double largest = 0;
        for (double x : g) {
            largest = Math.max(largest, Math.abs(x));
        }
        // |grad| <= 1e-6 means |w - w*| <= 1e-6 / lambda_min = 1e-6 here (lambda_min = 1)
        assertTrue(largest < 1e-6, optimizer.name() + " gradient " + largest + " loss " + e);
    }

    /**
     * With an exact line search (c2 tiny: |phi'| <= 1e-10 |phi'(0)|) CG with either beta is
     * linear CG on a quadratic and reaches the minimum in at most N line searches. The spectrum
     * (N = 10, condition 10) keeps rounding small enough for finite termination to show: on
     * harder spectra even textbook linear CG in double precision needs a step or two more (for
     * N = 15, condition 50, numpy's linear CG is at 5e-7 after N steps), so the test would
     * measure rounding rather than conjugacy.
     */
    @Test
    void conjugateGradientTakesAtMostNStepsOnAQuadratic() {
        for (String beta : new String[] {"pr", "fr"}) {
            int n = 10;
            LeastSquaresProblem problem = LeastSquaresProblem.quadratic(n, 10, 9);
            double[] w = new double[n];
            Runs.Outcome outcome = Runs.run(new ConjugateGradientOptimizer(),
                    Map.of("beta", beta, "c1", "1e-12", "c2", "1e-10", "gtol", "1e-9", "evaluations", "50"), problem, w, 100);
            assertTrue(outcome.stopped(), outcome.toString());
            assertTrue(outcome.last().message().startsWith("converged"), outcome.toString());
            // the last step only detects convergence
            assertTrue(outcome.steps() - 1 <= n, beta + ": " + (outcome.steps() - 1) + " line searches for N = " + n);
        }
    }
}

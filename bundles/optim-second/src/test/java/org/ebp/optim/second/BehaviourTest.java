package org.ebp.optim.second;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.Schedule;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.ebp.compute.jblas.PureJavaCompute;
import org.junit.jupiter.api.Test;

/** Requirements, failure handling, SDLM's rule, LM on a curve-fitting net, and eta = 1/lambda_max. */
class BehaviourTest {

    private static final PureJavaCompute COMPUTE = new PureJavaCompute();

    private static ParameterLayout layout(int n) {
        return ParameterLayout.builder().add("w", 1, ParameterLayout.Role.WEIGHTS, n, 1, 1).build();
    }

    @Test
    void requirementsNameWhatEachMethodNeeds() {
        ParameterLayout big = layout(31_810);
        Requirements bfgs = new BfgsOptimizer().requirements(big, new BfgsOptimizer().defaults());
        assertTrue(bfgs.fullBatch());
        assertTrue(bfgs.memoryBytes() > 8L * 31_810 * 31_810, "N^2 doubles: " + bfgs.memoryBytes());
        assertEquals("lbfgs", bfgs.alternative());
        Requirements lbfgs = new LbfgsOptimizer().requirements(big, new LbfgsOptimizer().defaults());
        assertTrue(lbfgs.memoryBytes() < 8L * 40 * 31_810, "O(m N): " + lbfgs.memoryBytes());
        for (Optimizer o : List.<Optimizer>of(new LevenbergMarquardtOptimizer(COMPUTE), new GaussNewtonOptimizer(COMPUTE))) {
            Requirements r = o.requirements(big, o.defaults());
            assertTrue(r.squaredError() && r.fullBatch(), o.name());
            assertTrue(r.capabilities().contains(Capability.JACOBIAN), o.name());
            assertTrue(r.memoryBytes() >= 8L * 31_810 * 31_810, o.name());
        }
        Requirements newton = new NewtonOptimizer(COMPUTE).requirements(big, new NewtonOptimizer(COMPUTE).defaults());
        assertEquals(Set.of(Capability.HESSIAN_VECTOR), newton.capabilities());
        Requirements sdlm = new StochasticDiagonalLevenbergMarquardtOptimizer().requirements(big,
                new StochasticDiagonalLevenbergMarquardtOptimizer().defaults());
        assertFalse(sdlm.fullBatch());
        assertEquals(Set.of(Capability.DIAGONAL_GAUSS_NEWTON), sdlm.capabilities());
    }

    /**
     * A gradient that points the wrong way (the true gradient negated beyond the loss's own):
     * no step along the "descent" direction satisfies the Wolfe conditions. Each step must
     * report the failure and reset, the run must end cleanly after max-failures, and the
     * weights must never get worse.
     */
    @Test
    void failedLineSearchesResetTheMemoryAndStopCleanly() {
        LeastSquaresProblem honest = LeastSquaresProblem.quadratic(4, 5, 3);
        LeastSquaresProblem lying = new LeastSquaresProblem(4, 4) {
            @Override
            void residuals(double[] w, double[] r, double[] j) {
                honest.residuals(w, r, j);
            }

            @Override
            void addResidualCurvature(double[] w, double[] r, double[] v, double[] out) {
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                double e = super.valueAndGradient(w, gradient);
                for (int i = 0; i < gradient.length; i++) {
                    gradient[i] = -gradient[i] - 1;
                }
                return e;
            }
        };
        for (Optimizer optimizer : List.<Optimizer>of(new ConjugateGradientOptimizer(), new BfgsOptimizer(),
                new LbfgsOptimizer())) {
            double[] w = {0.3, -0.2, 0.1, 0.5};
            double start = honest.value(w);
            Runs.Outcome outcome = Runs.run(optimizer, Map.of("max-failures", "3"), lying, w, 50);
            assertTrue(outcome.stopped(), optimizer.name());
            assertEquals(3, outcome.steps(), optimizer.name() + " " + outcome.messages());
            assertTrue(outcome.messages().get(0).startsWith("line search failed"), outcome.messages().get(0));
            assertTrue(outcome.messages().get(0).contains("memory reset"), outcome.messages().get(0));
            assertTrue(outcome.last().message().contains("stopped with the best weights"), outcome.last().message());
            assertTrue(honest.value(w) <= start, optimizer.name());
        }
    }

    /** Eq 61 by hand: w_i -= lr / (h_i + mu) g_i with h the first estimate of diag(J'J). */
    @Test
    void sdlmScalesEachWeightByItsCurvature() {
        LeastSquaresProblem problem = LeastSquaresProblem.quadratic(3, 20, 4);
        StochasticDiagonalLevenbergMarquardtOptimizer sdlm = new StochasticDiagonalLevenbergMarquardtOptimizer();
        Settings s = sdlm.settings(Map.of("lr", "0.1", "mu", "0.02"));
        State state = sdlm.init(problem.layout(), s);
        double[] w = {0.2, -0.4, 0.7};
        double[] g = new double[3];
        double[] h = new double[3];
        problem.valueAndGradient(w, g);
        problem.diagonalGaussNewton(w, h);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = w[i] - 0.1 / (h[i] + 0.02) * g[i];
        }
        sdlm.step(w, problem, state, new StepContext(s, 0.1, 0, 1, problem.layout()));
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], w[i], 1e-15);
        }
        // within the same epoch's window (patterns=500) the average moves by gamma per pattern (eq 62)
        double[] h2 = new double[3];
        problem.diagonalGaussNewton(w, h2);
        sdlm.step(w, problem, state, new StepContext(s, 0.1, 1, 1, problem.layout()));
        for (int i = 0; i < 3; i++) {
            assertEquals(0.99 * h[i] + 0.01 * h2[i], state.array("curvature")[i], 1e-14);
        }
    }

    /**
     * A 1-6-1 tanh network fitting 25 points of a smooth curve that such a net can represent
     * (the outputs of another 1-3-1 net): Levenberg-Marquardt must drive the mean half squared
     * error to near zero (below 1e-8 from about 0.1).
     */
    @Test
    void levenbergMarquardtFitsASmallCurveFittingNet() {
        TinyNetProblem problem = TinyNetProblem.fittingAnotherNet(6, 25);
        double[] w = problem.initialWeights(11);
        double start = problem.value(w);
        Runs.Outcome outcome = Runs.run(new LevenbergMarquardtOptimizer(COMPUTE), Map.of(), problem, w, 300);
        double end = problem.value(w);
        assertTrue(end < 1e-8, "loss " + start + " -> " + end + " in " + outcome.steps() + " steps " + outcome.messages());
    }

    /**
     * eta = 1/lambda_max on a quadratic whose Hessian M'M has lambda_max = 40: the power method
     * on a batch (20 iterations, eigenvalue gap 40 vs 40^(10/11) ~ 28.6 gives ratio 0.7^40 ~ 1e-6)
     * and the online estimate over 2000 patterns (gamma 0.05) must both give 1/40 within 1%.
     */
    @Test
    void inverseLambdaMaxGivesTheReciprocalOfTheLargestEigenvalue() {
        LeastSquaresProblem problem = LeastSquaresProblem.quadratic(12, 40, 2);
        double[] w = new double[12];
        InverseLambdaMaxSchedule schedule = new InverseLambdaMaxSchedule();
        problem.batch = 100;
        Settings batch = schedule.settings(Map.of("iterations", "40"));
        State state = schedule.init(batch);
        double rate = schedule.rate(new Schedule.Context(0.01, 0, 1, 1, problem, w), state, batch);
        assertEquals(1 / 40.0, rate, 0.01 / 40);

        problem.batch = 1;
        Settings online = schedule.settings(Map.of("patterns", "2000", "gamma", "0.05"));
        State onlineState = schedule.init(online);
        double first = schedule.rate(new Schedule.Context(0.01, 0, 1, 1000, problem, w), onlineState, online);
        assertEquals(0.01, first, 0.0, "the base rate until the first estimate is ready");
        double last = first;
        for (int step = 1; step < 2000; step++) {
            last = schedule.rate(new Schedule.Context(0.01, step, 1, 2000, problem, w), onlineState, online);
        }
        assertEquals(1 / 40.0, last, 0.01 / 40);
    }

    @Test
    void aSwappedInOptimizerResetsWhatItDoesNotUnderstand() {
        LbfgsOptimizer lbfgs = new LbfgsOptimizer();
        ParameterLayout l = layout(5);
        State cgState = new ConjugateGradientOptimizer().init(l, new ConjugateGradientOptimizer().defaults());
        List<String> reset = lbfgs.adopt(cgState, l, lbfgs.defaults());
        assertTrue(reset.contains(LbfgsOptimizer.S), reset.toString());
        assertFalse(reset.contains(LineSearchOptimizer.GRADIENT), reset.toString());
        StepResult r = lbfgs.step(new double[5], LeastSquaresProblem.quadratic(5, 3, 1), cgState,
                new StepContext(lbfgs.defaults(), Double.NaN, 0, 1, l));
        assertFalse(r.stop());
    }
}

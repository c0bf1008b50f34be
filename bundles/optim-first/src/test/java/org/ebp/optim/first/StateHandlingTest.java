package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.StepResult;
import org.junit.jupiter.api.Test;

class StateHandlingTest {

    private static final double[] MINIMUM = {1, -2, 0.5};

    private static List<Optimizer> all() {
        return List.of(new SgdOptimizer(), new MomentumOptimizer(), new NesterovOptimizer(), new PerWeightRateOptimizer(),
                new AdaptiveRateOptimizer(), new AdaGradOptimizer(), new RmsPropOptimizer(), new AdamOptimizer());
    }

    private static QuadraticObjective quadratic() {
        return QuadraticObjective.withEigenvalues(new double[] {1, 3, 10}, MINIMUM);
    }

    @Test
    void stateArraysAreNamedByMeaningAndCountedInTheRequirements() {
        ParameterLayout layout = quadratic().layout();
        Map<String, Set<String>> expected = Map.of(
                "sgd", Set.of("gradient"),
                "momentum", Set.of("gradient", "velocity"),
                "nesterov", Set.of("gradient", "velocity"),
                "per-weight", Set.of("gradient", "rate-scale"),
                "adaptive", Set.of("gradient", "r"),
                "adagrad", Set.of("gradient", "sum-squares"),
                "rmsprop", Set.of("gradient", "v"),
                "adam", Set.of("gradient", "m", "v"));
        for (Optimizer optimizer : all()) {
            State state = optimizer.init(layout, optimizer.defaults());
            assertEquals(expected.get(optimizer.name()), state.arrayNames(), optimizer.name());
            Requirements requirements = optimizer.requirements(layout, optimizer.defaults());
            assertEquals(8L * state.arrayNames().size() * layout.size(), requirements.memoryBytes(), optimizer.name());
            assertTrue(!requirements.fullBatch() && !requirements.squaredError() && requirements.capabilities().isEmpty());
        }
        assertEquals(Set.of("eta"), new AdaptiveRateOptimizer().init(layout, new AdaptiveRateOptimizer().defaults()).scalarNames());
        assertEquals(Set.of("t"), new AdamOptimizer().init(layout, new AdamOptimizer().defaults()).scalarNames());
    }

    @Test
    void theGradientBufferIsAllocatedOnceAndReused() {
        for (Optimizer optimizer : all()) {
            QuadraticObjective f = quadratic();
            Settings settings = optimizer.defaults();
            State state = optimizer.init(f.layout(), settings);
            double[] buffer = state.array(FirstOrderOptimizer.GRADIENT);
            double[] w = {0.1, 0.2, 0.3};
            for (int t = 0; t < 5; t++) {
                Steps.one(optimizer, settings, w, f, state, t);
                assertSame(buffer, state.array(FirstOrderOptimizer.GRADIENT), optimizer.name());
            }
            double[] g = new double[3];
            double[] wBefore = w.clone();
            Steps.one(optimizer, settings, w, f, state, 5);
            assertEquals(6, f.evaluations, optimizer.name() + ": one gradient evaluation per step");
            f.valueAndGradient(wBefore, g);
            assertArrayEquals(g, buffer, 1e-15, optimizer.name() + ": buffer holds the gradient at the weights before the step");
        }
    }

    @Test
    void momentumVelocityCarriesIntoNesterov() {
        QuadraticObjective f = quadratic();
        MomentumOptimizer momentum = new MomentumOptimizer();
        Settings momentumSettings = momentum.settings(Map.of("lr", "0.1", "mu", "0.5"));
        State state = momentum.init(f.layout(), momentumSettings);
        double[] w = new double[3];
        for (int t = 0; t < 10; t++) {
            Steps.one(momentum, momentumSettings, w, f, state, t);
        }
        double[] velocity = state.array(MomentumOptimizer.VELOCITY);
        double[] velocityValues = velocity.clone();
        assertTrue(Math.abs(velocityValues[0]) > 1e-3, "momentum built up a velocity");

        NesterovOptimizer nesterov = new NesterovOptimizer();
        Settings nesterovSettings = nesterov.settings(Map.of("lr", "0.1", "mu", "0.5"));
        List<String> reset = nesterov.adopt(state, f.layout(), nesterovSettings);
        assertEquals(List.of(), reset, "velocity and gradient are carried over, nothing re-initialised");
        assertSame(velocity, state.array(MomentumOptimizer.VELOCITY));
        assertArrayEquals(velocityValues, velocity);

        // The next Nesterov step uses the carried velocity: dw = eta g + mu dw_old.
        double[] g = new double[3];
        double[] wBefore = w.clone();
        f.valueAndGradient(wBefore, g);
        Steps.one(nesterov, nesterovSettings, w, f, state, 10);
        for (int i = 0; i < 3; i++) {
            double dw = 0.1 * g[i] + 0.5 * velocityValues[i];
            assertEquals(dw, velocity[i], 1e-15);
            assertEquals(wBefore[i] - (0.1 * g[i] + 0.5 * dw), w[i], 1e-15);
        }
        for (int t = 11; t < 200 && Steps.distance(w, MINIMUM) > 1e-6; t++) {
            Steps.one(nesterov, nesterovSettings, w, f, state, t);
        }
        assertTrue(Steps.distance(w, MINIMUM) <= 1e-6, "Nesterov goes on to the minimum from momentum's state");
    }

    @Test
    void adoptingFromAnotherRuleReportsWhatItReinitialised() {
        ParameterLayout layout = quadratic().layout();
        SgdOptimizer sgd = new SgdOptimizer();
        State state = sgd.init(layout, sgd.defaults());
        MomentumOptimizer momentum = new MomentumOptimizer();
        assertEquals(List.of("velocity"), momentum.adopt(state, layout, momentum.defaults()));
        assertArrayEquals(new double[3], state.array("velocity"));
    }

    @Test
    void adamKeepsItsMomentsOnlyAsASet() {
        QuadraticObjective f = quadratic();
        RmsPropOptimizer rmsprop = new RmsPropOptimizer();
        State state = rmsprop.init(f.layout(), rmsprop.defaults());
        double[] w = new double[3];
        Steps.one(rmsprop, rmsprop.defaults(), w, f, state, 0);
        assertTrue(state.array("v")[0] > 0);
        AdamOptimizer adam = new AdamOptimizer();
        List<String> reset = adam.adopt(state, f.layout(), adam.defaults());
        assertEquals(Set.of("m", "v", "t"), Set.copyOf(reset));
        assertArrayEquals(new double[3], state.array("v"), "v without t is not Adam's v");
        assertEquals(0.0, state.scalar("t", -1));

        // Adam's own state survives adopt intact.
        Steps.one(adam, adam.defaults(), w, f, state, 1);
        double[] m = state.array("m").clone();
        assertEquals(List.of(), adam.adopt(state, f.layout(), adam.defaults()));
        assertArrayEquals(m, state.array("m"));
        assertEquals(1.0, state.scalar("t", -1));
    }

    @Test
    void perWeightRatesAreRecomputedWhenTheExponentChanges() {
        ParameterLayout layout = ParameterLayout.builder()
                .add("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 2, 3, 4)
                .add("layer1.biases", 1, ParameterLayout.Role.BIASES, 2, 1, 4)
                .add("layer2.weights", 2, ParameterLayout.Role.WEIGHTS, 1, 2, 16)
                .build();
        PerWeightRateOptimizer optimizer = new PerWeightRateOptimizer();
        State state = optimizer.init(layout, optimizer.defaults());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25},
                state.array(PerWeightRateOptimizer.RATE_SCALE), 1e-15);
        Settings literal = optimizer.settings(Map.of("exponent", "-0.5"));
        assertEquals(List.of("rate-scale"), optimizer.adopt(state, layout, literal));
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 4, 4}, state.array(PerWeightRateOptimizer.RATE_SCALE), 1e-15);
        assertEquals(List.of(), optimizer.adopt(state, layout, literal));
    }

    @Test
    void aStepFollowsAnExponentChangedWithoutAdopt() {
        ParameterLayout layout = ParameterLayout.builder()
                .add("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 1, 2, 4).build();
        QuadraticObjective f = new QuadraticObjective(new double[] {1, 0, 0, 1}, new double[] {0, 0}, layout);
        PerWeightRateOptimizer optimizer = new PerWeightRateOptimizer();
        State state = optimizer.init(layout, optimizer.defaults());
        Settings linear = optimizer.settings(Map.of("lr", "0.1", "exponent", "1"));
        double[] w = {1, 2};
        Steps.one(optimizer, linear, w, f, state, 0);
        // gradient = w; rate 0.1 / 4
        assertArrayEquals(new double[] {1 - 0.025, 2 - 0.05}, w, 1e-15);
    }

    @Test
    void aNonFiniteLossStopsWithoutTouchingTheWeights() {
        Objective broken = new QuadraticObjective(new double[] {1}, new double[] {0}) {
            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                gradient[0] = Double.NaN;
                return Double.NaN;
            }
        };
        for (Optimizer optimizer : all()) {
            State state = optimizer.init(broken.layout(), optimizer.defaults());
            double[] w = {0.5};
            StepResult result = Steps.one(optimizer, optimizer.defaults(), w, broken, state, 0);
            assertTrue(result.stop(), optimizer.name());
            assertTrue(result.message().contains("NaN"), result.message());
            assertArrayEquals(new double[] {0.5}, w, optimizer.name());
        }
    }

    @Test
    void rejectsWeightsOfTheWrongLengthAndABadScheduledRate() {
        for (Optimizer optimizer : all()) {
            QuadraticObjective f = quadratic();
            State state = optimizer.init(f.layout(), optimizer.defaults());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Steps.one(optimizer, optimizer.defaults(), new double[2], f, state, 0));
            assertTrue(e.getMessage().contains("2 weights"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> optimizer.step(new double[3], f, state, Steps.context(optimizer.defaults(), Double.NaN, 0, f)));
            assertThrows(IllegalArgumentException.class,
                    () -> optimizer.step(new double[3], f, state, Steps.context(optimizer.defaults(), -0.1, 0, f)));
        }
    }

    @Test
    void aStateMissingItsArraysIsReportedWithTheFix() {
        QuadraticObjective f = quadratic();
        MomentumOptimizer momentum = new MomentumOptimizer();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Steps.one(momentum, momentum.defaults(), new double[3], f, new State(), 0));
        assertTrue(e.getMessage().contains("'velocity'") && e.getMessage().contains("adopt"), e.getMessage());
    }

    @Test
    void adaptiveRateStopsWhenItsRateWouldTurnNegative() {
        // eta(t+1) = eta (1 + alpha beta |r| - alpha eta) < 0 needs alpha * eta > 1 + alpha beta |r|.
        AdaptiveRateOptimizer optimizer = new AdaptiveRateOptimizer();
        Settings settings = optimizer.settings(Map.of("lr", "50", "alpha", "0.5", "beta", "0"));
        QuadraticObjective f = new QuadraticObjective(new double[] {1}, new double[] {0});
        State state = optimizer.init(f.layout(), settings);
        StepResult result = Steps.one(optimizer, settings, new double[] {1e-3}, f, state, 0);
        assertTrue(result.stop());
        assertTrue(result.message().contains("lower lr or alpha"), result.message());
        assertEquals(50.0, state.scalar(AdaptiveRateOptimizer.ETA, Double.NaN), "the last sane rate is kept");
    }
}

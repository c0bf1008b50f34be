package org.ebp.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.Activation;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;
import org.junit.jupiter.api.Test;

/** The kit fails the faults of issue #14 and passes their fixes: each check can fail. */
class KitCatchesFaultsTest {

    /** Nadam as in the issue: bias-corrected m and v with step count t; grouped or not. */
    static class Nadam implements Optimizer {
        final boolean grouped;
        double hidden; // used only by the faulty variant below

        Nadam(boolean grouped) {
            this.grouped = grouped;
        }

        @Override public String name() { return "nadam"; }
        @Override public String description() { return "Nadam (test)"; }
        @Override public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.real("lr", 0.001, 0, 1, "rate"),
                    ParameterSpec.real("beta1", 0.9, 0, 1, "mean of g").excludingMax(),
                    ParameterSpec.real("beta2", 0.999, 0, 1, "mean of g^2").excludingMax());
        }
        @Override public List<Set<String>> stateGroups() {
            return grouped ? List.of(Set.of("m", "v", "t")) : List.of();
        }
        @Override public State init(ParameterLayout layout, Settings settings) {
            return new State().putArray("m", new double[layout.size()]).putArray("v", new double[layout.size()]).putScalar("t", 0);
        }
        @Override public StepResult step(double[] w, Objective objective, State state, StepContext context) {
            double[] g = new double[w.length];
            double loss = objective.valueAndGradient(w, g);
            double t = state.scalar("t", 0) + 1;
            state.putScalar("t", t);
            double[] m = state.array("m");
            double[] v = state.array("v");
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                w[i] -= context.learningRate() * (m[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8)
                        * (1 + hidden);
            }
            return StepResult.of(loss);
        }
    }

    private static OptimizerConformance kitFor(java.util.function.Supplier<Optimizer> optimizer) {
        return new OptimizerConformance() {
            @Override protected Optimizer component() { return optimizer.get(); }
        };
    }

    @Test
    void takingVWithoutItsStepCountFailsAndTheStateGroupPasses() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> kitFor(() -> new Nadam(false)).adoptingABuiltInsStateKeepsItCoherentOrReinitialisesItAndSaysWhich());
        assertTrue(e.getMessage().contains("from rmsprop") && e.getMessage().contains("stateGroups()"), e.getMessage());
        assertDoesNotThrow(() -> kitFor(() -> new Nadam(true)).adoptingABuiltInsStateKeepsItCoherentOrReinitialisesItAndSaysWhich());
        assertDoesNotThrow(() -> kitFor(() -> new Nadam(true)).oneStepOnAQuadraticLowersTheLoss());
    }

    @Test
    void stateKeptOutsideTheStateFails() {
        Nadam shared = new Nadam(true) {
            @Override public StepResult step(double[] w, Objective objective, State state, StepContext context) {
                hidden += 0.5; // a field that a checkpoint does not hold
                return super.step(w, objective, state, context);
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> kitFor(() -> shared).theStateSurvivesJsonAndIsAllThereIs());
        assertTrue(e.getMessage().contains("everything a step depends on must be in the State"), e.getMessage());
        assertDoesNotThrow(() -> kitFor(() -> new Nadam(true)).theStateSurvivesJsonAndIsAllThereIs());
    }

    @Test
    void aDefaultOutsideItsRangeAndMissingHelpFail() {
        Optimizer faulty = new Nadam(true) {
            @Override public List<ParameterSpec> parameters() {
                return List.of(ParameterSpec.real("beta1", 1.5, 0, 0.999999, ""));
            }
        };
        assertThrows(AssertionError.class, () -> kitFor(() -> faulty).everyDefaultLiesInItsDeclaredRange());
        assertThrows(AssertionError.class, () -> kitFor(() -> faulty).theComponentAndEverySettingHaveHelp());
        assertDoesNotThrow(() -> kitFor(() -> new Nadam(true)).everyDefaultLiesInItsDeclaredRange());
    }

    @Test
    void aComponentWithoutItsDescriptorFailsNamingTheAnnotation() {
        // test classes get no DS descriptor from bnd: exactly the plugin that forgot @Component
        AssertionError e = assertThrows(AssertionError.class, () -> kitFor(() -> new Nadam(true)).theBundleRegistersItUnderItsKindAndName());
        assertTrue(e.getMessage().contains("\"ebp.kind=optimizer\", \"ebp.name=nadam\""), e.getMessage());
    }

    /** tanh with a wrong second derivative (sign flipped) and a range claimed too narrow. */
    static final class WrongTanh implements Activation {
        final boolean wrongSecond;
        final double upper;

        WrongTanh(boolean wrongSecond, double upper) {
            this.wrongSecond = wrongSecond;
            this.upper = upper;
        }

        @Override public String name() { return "wrong-tanh"; }
        @Override public String description() { return "tanh (test)"; }
        @Override public double value(double x) { return Math.tanh(x); }
        @Override public double derivative(double x) { double t = Math.tanh(x); return 1 - t * t; }
        @Override public double secondDerivative(double x) {
            double t = Math.tanh(x);
            return (wrongSecond ? 2 : -2) * t * (1 - t * t);
        }
        @Override public double lowerBound() { return -1; }
        @Override public double upperBound() { return upper; }
    }

    private static ActivationConformance kitFor(Activation a) {
        return new ActivationConformance() {
            @Override protected Activation component() { return a; }
        };
    }

    @Test
    void wrongDerivativesAndRangesFailAndTanhPasses() {
        assertThrows(AssertionError.class, () -> kitFor(new WrongTanh(true, 1)).secondDerivativeMatchesCentralDifferencesOfFPrime());
        assertThrows(AssertionError.class, () -> kitFor(new WrongTanh(false, 0.5)).valuesLieWithinTheDeclaredRange());
        ActivationConformance right = kitFor(new WrongTanh(false, 1));
        assertDoesNotThrow(right::firstDerivativeMatchesCentralDifferencesOfF);
        assertDoesNotThrow(right::secondDerivativeMatchesCentralDifferencesOfFPrime);
        assertDoesNotThrow(right::valuesLieWithinTheDeclaredRange);
        assertDoesNotThrow(right::theBlockMethodsAgreeWithTheScalarOnes);
    }

    @Test
    void stateJsonReadsBackTheSameBits() {
        State s = new State().putArray("m", new double[] {0.1, -1e-300, Math.PI}).putArray("empty", new double[0]).putScalar("t", 7);
        org.junit.jupiter.api.Assertions.assertEquals(s, StateJson.read(StateJson.write(s)));
    }
}

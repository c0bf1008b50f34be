package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.api.optim.StepContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer's float32 rule against its own double update on the same gradients (adam with
 * its step-dependent bias correction included): five steps,
 * the rule driven block by block (two blocks, one of them as {@code scale * x} rows, as online
 * learning drives it), the same weights up to float rounding.
 */
class ElementwiseRuleTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(Arguments.of(new SgdOptimizer(), Map.of("lr", "0.05")),
                Arguments.of(new MomentumOptimizer(), Map.of("lr", "0.05", "mu", "0.8")),
                Arguments.of(new NesterovOptimizer(), Map.of("lr", "0.05", "mu", "0.8")),
                Arguments.of(new PerWeightRateOptimizer(), Map.of("lr", "0.05")),
                Arguments.of(new AdaGradOptimizer(), Map.of("lr", "0.05")),
                Arguments.of(new RmsPropOptimizer(), Map.of("lr", "0.05")),
                Arguments.of(new AdamOptimizer(), Map.of("lr", "0.05")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void theFloatRuleGivesTheWeightsOfTheDoubleUpdate(FirstOrderOptimizer optimizer, Map<String, String> raw) {
        ParameterLayout layout = ParameterLayout.builder()
                .add("layer1.weights", 1, ParameterLayout.Role.WEIGHTS, 3, 4, 5)
                .add("layer1.biases", 1, ParameterLayout.Role.BIASES, 3, 1, 5)
                .build();
        int n = layout.size();
        Settings settings = optimizer.settings(raw);
        State doubleState = optimizer.init(layout, settings);
        State floatState = optimizer.init(layout, settings);
        ElementwiseUpdate.Rule rule = ((ElementwiseUpdate) optimizer).rule(floatState, settings, layout);
        SplittableRandom random = new SplittableRandom(11);
        double[] w = new double[n];
        float[] wf = new float[n];
        for (int i = 0; i < n; i++) {
            wf[i] = (float) random.nextGaussian();
            w[i] = wf[i];
        }
        double[] start = w.clone();
        for (int step = 0; step < 5; step++) {
            // the weights' gradient as delta_j x' (3 units, 4 inputs), the biases' as delta
            float[] delta = new float[3];
            float[] x = new float[4];
            for (int j = 0; j < 3; j++) {
                delta[j] = (float) random.nextGaussian();
            }
            for (int i = 0; i < 4; i++) {
                x[i] = (float) random.nextGaussian();
            }
            double[] g = new double[n];
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 4; i++) {
                    g[j * 4 + i] = (double) delta[j] * x[i];
                }
                g[12 + j] = delta[j];
            }
            double rate = 0.05 * (1 + step);
            optimizer.update(w, g, 0, doubleState, new StepContext(settings, rate, step, 1, layout));
            rule.beginStep(rate);
            for (int j = 0; j < 3; j++) {
                rule.apply(wf, j * 4, x, 0, delta[j], 4, j * 4);
            }
            rule.apply(wf, 12, delta, 0, 1f, 3, 12);
        }
        double moved = 0;
        for (int i = 0; i < n; i++) {
            // float rounding of each step's product and of the weight, five steps: a few 1e-7 relative
            assertEquals(w[i], wf[i], 2e-6 * (1 + Math.abs(w[i])), optimizer.name() + " parameter " + i);
            moved = Math.max(moved, Math.abs(w[i] - start[i]));
        }
        assertTrue(moved > 0.05, "the steps must move the weights: " + moved);
        // adam's step count (its bias correction) advances once per step on both paths
        assertEquals(doubleState.scalar(AdamOptimizer.STEPS, -1), floatState.scalar(AdamOptimizer.STEPS, -1));
    }
}

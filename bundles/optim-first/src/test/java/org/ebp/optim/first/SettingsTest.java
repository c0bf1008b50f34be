package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.Settings;
import org.ebp.api.optim.Optimizer;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static List<Optimizer> all() {
        return List.of(new SgdOptimizer(), new MomentumOptimizer(), new NesterovOptimizer(), new PerWeightRateOptimizer(),
                new AdaptiveRateOptimizer(), new AdaGradOptimizer(), new RmsPropOptimizer(), new AdamOptimizer());
    }

    @Test
    void everyOptimizerHasAnLrSetting() {
        for (Optimizer optimizer : all()) {
            assertTrue(optimizer.parameters().stream().anyMatch(p -> p.name().equals("lr")), optimizer.name());
            assertEquals(0.25, optimizer.settings(Map.of("lr", "0.25")).getDouble("lr"), 0.0);
        }
    }

    @Test
    void negativeNanOrMalformedLearningRatesAreRejected() {
        for (Optimizer optimizer : all()) {
            for (String bad : List.of("-1", "NaN", "Infinity", "fast", "1e9")) {
                InvalidSettingException e = assertThrows(InvalidSettingException.class,
                        () -> optimizer.settings(Map.of("lr", bad)), optimizer.name() + " lr=" + bad);
                assertTrue(e.getMessage().contains("lr=" + bad), e.getMessage());
            }
        }
    }

    @Test
    void unknownSettingsAreRejectedWithTheKnownOnes() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new MomentumOptimizer().settings(Map.of("momentum", "0.9")));
        assertTrue(e.getMessage().contains("mu"), e.getMessage());
    }

    @Test
    void boundsThatRangesCannotExpressAreChecked() {
        assertRejected(new MomentumOptimizer(), "mu", "1");
        assertRejected(new NesterovOptimizer(), "mu", "1");
        assertRejected(new AdamOptimizer(), "beta1", "1");
        assertRejected(new AdamOptimizer(), "beta2", "1");
        assertRejected(new AdamOptimizer(), "eps", "0");
        assertRejected(new RmsPropOptimizer(), "decay", "1");
        assertRejected(new RmsPropOptimizer(), "eps", "0");
        assertRejected(new AdaGradOptimizer(), "eps", "0");
        assertRejected(new AdaptiveRateOptimizer(), "lr", "0");
        assertRejected(new AdaptiveRateOptimizer(), "delta", "0");
        assertRejected(new PerWeightRateOptimizer(), "exponent", "3");
    }

    private static void assertRejected(Optimizer optimizer, String key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> optimizer.settings(Map.of(key, value)), optimizer.name() + " " + key + "=" + value);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void initChecksSettingsThatBypassedTheComponent() {
        MomentumOptimizer momentum = new MomentumOptimizer();
        // mu < 1 is declared as an excluded bound, so even a direct parse (no component in between) refuses mu=1
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Settings.parse(momentum.name(), momentum.parameters(), Map.of("mu", "1")));
        assertEquals("'momentum' setting mu=1 is out of range; allowed 0 .. below 1", e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(0.9, new MomentumOptimizer().defaults().getDouble("mu"), 0.0);
        assertEquals(0.5, new PerWeightRateOptimizer().defaults().getDouble("exponent"), 0.0);
        Settings adaptive = new AdaptiveRateOptimizer().defaults();
        assertEquals(0.01, adaptive.getDouble("delta"), 0.0);
        assertEquals(0.001, adaptive.getDouble("alpha"), 0.0);
        assertEquals(0.02, adaptive.getDouble("beta"), 0.0);
        Settings rmsprop = new RmsPropOptimizer().defaults();
        assertEquals(0.9, rmsprop.getDouble("decay"), 0.0);
        assertEquals(1e-8, rmsprop.getDouble("eps"), 0.0);
        Settings adam = new AdamOptimizer().defaults();
        assertEquals(0.9, adam.getDouble("beta1"), 0.0);
        assertEquals(0.999, adam.getDouble("beta2"), 0.0);
        assertEquals(1e-8, adam.getDouble("eps"), 0.0);
    }
}

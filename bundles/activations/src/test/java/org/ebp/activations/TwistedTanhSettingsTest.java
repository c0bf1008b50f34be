package org.ebp.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.model.Activation;
import org.junit.jupiter.api.Test;

/** twisted-tanh takes its coefficient a and its base sigmoid from settings (section 1.4.4). */
class TwistedTanhSettingsTest {

    private final TwistedTanh registered = new TwistedTanh();

    @Test
    void defaultsConfigureToTheRegisteredInstance() {
        assertSame(registered, registered.configure(registered.defaults()));
    }

    @Test
    void settingAChangesTheTwistButNotTheRegisteredService() {
        Activation configured = registered.configure(registered.settings(Map.of("a", "0.2")));
        assertNotSame(registered, configured);
        assertEquals(0.2, ((TwistedTanh) configured).twist(), 0.0);
        // f(x) = tanh(x) + 0.2 x; deep in saturation f' -> a
        assertEquals(Math.tanh(1.5) + 0.3, configured.value(1.5), 1e-15);
        assertEquals(0.2, configured.derivative(40.0), 1e-15);
        assertEquals(0.1, registered.twist(), 0.0);
    }

    /** With g = 1.7159 tanh(2x/3): f(1) = 1 + a, f'(0) = 1.1439 + a. */
    @Test
    void scaledTanhBase() {
        Activation f = registered.configure(registered.settings(Map.of("a", "0.05", "base", "scaled-tanh")));
        assertEquals(1.0 + 0.05, f.value(1.0), 1e-5);
        assertEquals(1.7159 * 2.0 / 3.0 + 0.05, f.derivative(0.0), 1e-12);
    }

    /** With g = logistic: f(0) = 0.5, f'(0) = 0.25 + a. */
    @Test
    void logisticBase() {
        Activation f = registered.configure(registered.settings(Map.of("base", "logistic")));
        assertEquals(0.5, f.value(0.0), 0.0);
        assertEquals(0.35, f.derivative(0.0), 1e-15);
    }

    @Test
    void refusesATwistOutOfRangeOrAnUnknownBase() {
        InvalidSettingException zero = assertThrows(InvalidSettingException.class,
                () -> registered.settings(Map.of("a", "0")));
        assertTrue(zero.getMessage().contains("a=0"), zero.getMessage());
        InvalidSettingException base = assertThrows(InvalidSettingException.class,
                () -> registered.settings(Map.of("base", "relu")));
        assertTrue(base.getMessage().contains("tanh"), base.getMessage());
    }

    /** The twist does not move the points of maximum |f''|: max-curvature finds tanh's points. */
    @Test
    void maximumCurvaturePointsDoNotDependOnTheTwist() {
        double[] tanh = MaxCurvatureCoding.maximumCurvaturePoints(new Tanh(), 20, 20_000);
        double[] twisted = MaxCurvatureCoding.maximumCurvaturePoints(new TwistedTanh(0.3), 20, 20_000);
        assertEquals(tanh[0], twisted[0], 1e-9);
        assertEquals(tanh[1], twisted[1], 1e-9);
    }
}

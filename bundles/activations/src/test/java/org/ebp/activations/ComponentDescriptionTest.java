package org.ebp.activations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the shell shows: kebab-case names, one line of help, defaults that validate. */
class ComponentDescriptionTest {

    static Stream<Component> components() {
        return Stream.of(new Logistic(), new Tanh(), new ScaledTanh(), new Linear(), new Relu(), new TwistedTanh(),
                new Softmax(), new PlusMinusOneCoding(), new OneHotCoding(), new LowHighCoding(), new MaxCurvatureCoding());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("components")
    void describesItselfInOneLine(Component c) {
        assertTrue(c.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), c.name());
        assertFalse(c.description().isBlank(), c.name());
        assertFalse(c.description().contains("\n"), c.name());
        Settings defaults = c.defaults();
        assertEquals(c.parameters().size(), defaults.asText().size(), c.name());
        c.parameters().forEach(p -> assertFalse(p.help().isBlank(), c.name() + " " + p.name()));
    }

    @org.junit.jupiter.api.Test
    void namesAreTheOnesTheShellExpects() {
        assertEquals(List.of("logistic", "tanh", "scaled-tanh", "linear", "relu", "twisted-tanh", "softmax",
                        "pm1", "one-hot", "low-high", "max-curvature"),
                components().map(Component::name).toList());
    }
}

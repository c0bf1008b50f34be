package org.ebp.api.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #14, point 6: "below 1" can be declared, and a faulty default is blamed on the component. */
class ExclusiveBoundsTest {

    private static final ParameterSpec BETA = ParameterSpec.real("beta1", 0.9, 0, 1, "forgetting factor").excludingMax();
    private static final ParameterSpec EPS = ParameterSpec.real("eps", 1e-8, 0, 1, "added to sqrt(v)").excludingMin();

    private static Settings parse(ParameterSpec spec, String value) {
        return Settings.parse("nadam", List.of(spec), Map.of(spec.name(), value));
    }

    @Test
    void anExcludedMaximumRefusesTheBoundAndAcceptsValuesBelowIt() {
        assertEquals(0.999999, parse(BETA, "0.999999").getDouble("beta1"));
        assertEquals(0.0, parse(BETA, "0").getDouble("beta1"));
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> parse(BETA, "1"));
        assertEquals("'nadam' setting beta1=1 is out of range; allowed 0 .. below 1", e.getMessage());
    }

    @Test
    void anExcludedMinimumRefusesTheBoundAndAcceptsValuesAboveIt() {
        assertEquals(Double.MIN_VALUE, parse(EPS, Double.toString(Double.MIN_VALUE)).getDouble("eps"));
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> parse(EPS, "0"));
        assertEquals("'nadam' setting eps=0 is out of range; allowed above 0 .. 1", e.getMessage());
    }

    @Test
    void inclusiveBoundsStayInclusive() {
        ParameterSpec lr = ParameterSpec.real("lr", 0.1, 0, 10, "rate");
        assertEquals(10.0, parse(lr, "10").getDouble("lr"));
        assertEquals(0.0, parse(lr, "0").getDouble("lr"));
        assertEquals("lr=0.1 (double, 0..10) rate", lr.summary());
    }

    @Test
    void theSummaryShowsExcludedBoundsInIntervalNotation() {
        assertEquals("beta1=0.9 (double, [0, 1)) forgetting factor", BETA.summary());
        assertEquals("(0, 1]", EPS.range());
        assertEquals("(0, 1)", EPS.excludingMax().range());
        assertEquals("(0, inf)", ParameterSpec.real("x", 1, 0, Double.NaN, "").excludingMin().range());
    }

    @Test
    void aBoundThatDoesNotExistCannotBeExcluded() {
        assertThrows(IllegalArgumentException.class, () -> ParameterSpec.real("x", 1, 0, Double.NaN, "").excludingMax());
    }

    @Test
    void aDefaultOutsideItsOwnRangeIsAProblemOfTheComponent() {
        assertNull(BETA.defaultProblem());
        ParameterSpec faulty = ParameterSpec.real("beta1", 1.5, 0, 0.999999, "forgetting factor");
        assertEquals("its default beta1=1.5 is outside its declared range 0..0.999999", faulty.defaultProblem());
        assertEquals("its default beta1=1.0 is outside its declared range [0, 1)",
                ParameterSpec.real("beta1", 1.0, 0, 1, "").excludingMax().defaultProblem());
        assertTrue(ParameterSpec.choice("mode", "fast", List.of("slow"), "").defaultProblem().contains("not one of its choices [slow]"));
    }

    @Test
    void aFaultyDefaultAtUseNamesTheComponentNotTheUser() {
        ParameterSpec faulty = ParameterSpec.real("beta1", 1.5, 0, 0.999999, "forgetting factor");
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> Settings.parse("nadam", List.of(faulty), Map.of()));
        assertEquals("'nadam' is faulty: its default beta1=1.5 is outside its declared range 0..0.999999; give beta1=... "
                + "explicitly, or update or remove the plugin that provides it", e.getMessage());
        // typed by the user, the same value is the user's
        InvalidSettingException typed = assertThrows(InvalidSettingException.class, () -> parse(faulty, "1.5"));
        assertTrue(typed.getMessage().startsWith("'nadam' setting beta1=1.5 is out of range"), typed.getMessage());
        // and a good value given explicitly gets past the faulty default
        assertEquals(0.5, parse(faulty, "0.5").getDouble("beta1"));
    }
}

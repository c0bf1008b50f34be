package org.ebp.plots.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ebp.api.command.CommandDeclaration;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.junit.jupiter.api.Test;

/** The plots' declarations: what help and completion show is what the command checks. */
class PlotDeclarationsTest {

    private static final List<ParameterSpec> SPECTRUM = List.of(
            ParameterSpec.integer("k", 10, 1, 100000, "eigenvalues"),
            ParameterSpec.choice("method", "lanczos", List.of("lanczos", "exact"), "method"));

    private static CommandDeclaration plot(String sub) {
        return PlotSettings.declarations(SPECTRUM).stream().filter(d -> d.sub().equals(sub)).findFirst().orElseThrow();
    }

    @Test
    void everyPlotHasItsOwnDeclarationAndSummary() {
        List<CommandDeclaration> all = PlotSettings.declarations(SPECTRUM);
        assertEquals(List.of("plot curves", "plot spectrum", "plot inputs"),
                all.stream().map(CommandDeclaration::fullName).toList());
        all.forEach(d -> assertTrue(!d.summary().isBlank() && d.group().equals("plots"), d.fullName()));
        assertEquals("[RUN...]", plot("curves").arguments().get(0).name());
    }

    @Test
    void theSpectrumPlotTakesTheSessionsSpectrumSettingsToo() {
        assertEquals(List.of("file", "width", "height", "k", "method"),
                plot("spectrum").settings().stream().map(ParameterSpec::name).toList());
        assertEquals(5, plot("spectrum").check(Map.of("file", "s.png", "k", "5")).getInt("k"));
        assertThrows(InvalidSettingException.class, () -> plot("spectrum").check(Map.of("file", "s.png", "k", "0")));
        assertThrows(InvalidSettingException.class, () -> plot("curves").check(Map.of("file", "c.png", "k", "5")),
                "curves take no spectrum settings");
    }

    @Test
    void aPlotNeedsItsFileAndSizesInRange() {
        InvalidSettingException missing = assertThrows(InvalidSettingException.class, () -> plot("inputs").check(Map.of()));
        assertTrue(missing.getMessage().contains("file="), missing.getMessage());
        assertThrows(InvalidSettingException.class, () -> plot("curves").check(Map.of("file", "c.png", "width", "100")));
        assertEquals(800, plot("curves").check(Map.of("file", "c.png")).getInt("width"));
    }
}

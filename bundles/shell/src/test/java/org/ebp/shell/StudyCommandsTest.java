package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ablate and sweep declare their settings once: help, completion and the check come from them. */
class StudyCommandsTest {

    @Test
    void parallelIsAutoOrACount() {
        assertEquals(Runtime.getRuntime().availableProcessors(), StudyCommands.parallel("auto"));
        assertEquals(3, StudyCommands.parallel("3"));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> StudyCommands.parallel("0"));
        assertEquals("parallel=0 must be auto or a number of runs at once from 1 to 256, e.g. parallel=2", zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StudyCommands.parallel("many"));
    }

    @Test
    void ablateRefusesAnUnknownSettingWithTheNearestNameAndSweepTakesItsAxes() {
        CommandSpec ablate = CommandIndex.in(StudyCommands.COMMANDS, "ablate", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ablate.settings(new String[] {"seed=3"}, 0));
        assertTrue(e.getMessage().contains("no setting 'seed'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'seeds'?"), e.getMessage());
        assertEquals("ablate [epochs=0] [seeds=3] [target=0.05] [parallel=auto] [out=auto] [background=false] [only=all] "
                + "[skip=none]", ablate.usage());
        assertEquals(List.of("class-sorted", "no-annealing"), StudyCommands.names("only", "class-sorted, no-annealing,", "all"));
        assertEquals(List.of(), StudyCommands.names("only", "all", "all"));
        // only= empty would have run every variant: refused, as is an empty item
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> StudyCommands.names("only", "", "all"));
        assertEquals("only= has an empty variant name; name variants, e.g. only=class-sorted,no-annealing, or leave only= out "
                + "(only=all)", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StudyCommands.names("skip", "class-sorted,,no-annealing", "none"));
        assertThrows(IllegalArgumentException.class, () -> ablate.settings(new String[] {"background=maybe"}, 0));
        CommandSpec sweep = CommandIndex.in(StudyCommands.COMMANDS, "sweep", null);
        assertEquals(Map.of("lr", "0.01,0.1", "seeds", "2"), sweep.settings(new String[] {"lr=0.01,0.1", "seeds=2"}, 0));
        assertThrows(IllegalArgumentException.class, () -> sweep.settings(new String[] {"apply=worst"}, 0));
    }

    @Test
    void bothAreListedUnderExperiments() {
        CommandIndex index = CommandIndex.of(List.of(() -> StudyCommands.COMMANDS));
        assertEquals("experiments", index.find("ablate", null).group());
        assertEquals("experiments", index.find("sweep", null).group());
    }
}

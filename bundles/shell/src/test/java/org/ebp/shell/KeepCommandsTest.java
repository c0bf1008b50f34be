package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KeepCommandsTest {

    @Test
    void oneFileIsTaken() {
        assertEquals(Path.of("m.json"), KeepCommands.file("model", "save", new String[] {"m.json"}));
    }

    @Test
    void noFileOrTwoFilesAreExplainedWithAnExample() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> KeepCommands.file("weights", "export", new String[0]));
        assertEquals("weights export needs one file, e.g. weights export net.npz", none.getMessage());
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> KeepCommands.file("checkpoint", "load", new String[] {"a", "b"}));
        assertEquals("checkpoint load needs one file, e.g. checkpoint load run.ckpt.json", two.getMessage());
    }
}

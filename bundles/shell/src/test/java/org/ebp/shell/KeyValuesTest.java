package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyValuesTest {

    @Test
    void parsesSettingsInOrder() {
        Map<String, String> m = KeyValues.parse(new String[] {"digits", "lr=0.01", "mu=0.9"}, 1);
        assertEquals(List.of("lr", "mu"), List.copyOf(m.keySet()));
        assertEquals("0.01", m.get("lr"));
    }

    @Test
    void valueMayContainEqualsSign() {
        assertEquals("a=b", KeyValues.parse(List.of("path=a=b")).get("path"));
    }

    @Test
    void wordWithoutEqualsIsRejectedWithExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyValues.parse(List.of("lr")));
        assertTrue(e.getMessage().contains("'lr'") && e.getMessage().contains("key=value"), e.getMessage());
    }

    @Test
    void repeatedKeyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyValues.parse(List.of("lr=1", "lr=2")));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void emptyArgumentsGiveEmptyMap() {
        assertTrue(KeyValues.parse(null, 0).isEmpty());
        assertTrue(KeyValues.parse(new String[] {"x"}, 1).isEmpty());
    }
}

package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCommandsTest {

    @Test
    void noNamesMeanThePapersOrder() {
        assertEquals(List.of("center", "pca", "scale"), DataCommands.parseChain(List.of()).stream().map(Map.Entry::getKey).toList());
    }

    @Test
    void settingsFollowAColon() {
        List<Map.Entry<String, Map<String, String>>> chain = DataCommands.parseChain(List.of("center", "pca:variance=0.99,tolerance=1e-8", "scale:target=2"));
        assertEquals(List.of("center", "pca", "scale"), chain.stream().map(Map.Entry::getKey).toList());
        assertEquals(Map.of(), chain.get(0).getValue());
        assertEquals(Map.of("variance", "0.99", "tolerance", "1e-8"), chain.get(1).getValue());
        assertEquals(Map.of("target", "2"), chain.get(2).getValue());
    }

    @Test
    void malformedWordsAreExplained() {
        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class, () -> DataCommands.parseChain(List.of(":target=2")));
        assertTrue(noName.getMessage().contains("names no transform"), noName.getMessage());
        IllegalArgumentException noValue = assertThrows(IllegalArgumentException.class, () -> DataCommands.parseChain(List.of("scale:target")));
        assertTrue(noValue.getMessage().contains("expected key=value"), noValue.getMessage());
    }
}

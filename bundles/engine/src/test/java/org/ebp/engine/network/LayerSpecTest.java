package org.ebp.engine.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerSpecTest {

    @Test
    void parsesNumbersAndPlaceholders() {
        assertArrayEquals(new int[] {64, 30, 10}, LayerSpec.parse("64-30-10", LayerSpec.UNKNOWN, LayerSpec.UNKNOWN));
        assertArrayEquals(new int[] {13, 8, 3}, LayerSpec.parse("in-8-out", 13, 3));
        assertArrayEquals(new int[] {13, 3}, LayerSpec.parse(" IN-Out ", 13, 3));
        assertEquals("64-30-10", LayerSpec.format(new int[] {64, 30, 10}));
    }

    @Test
    void refusesMalformedSpecsWithTheExpectedHint() {
        for (String bad : new String[] {"64-x-10", "64", "", "64--10", "64-0-10", "out-10", "64-in", "64-30-10-"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse(bad, 64, 10));
            assertTrue(e.getMessage().startsWith("layer spec '" + bad + "' is not valid"), e.getMessage());
            assertTrue(e.getMessage().contains("e.g. 64-30-10"), e.getMessage());
        }
    }

    @Test
    void placeholdersNeedData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.parse("in-30-10", LayerSpec.UNKNOWN, LayerSpec.UNKNOWN));
        assertTrue(e.getMessage().contains("no data is loaded"), e.getMessage());
    }

    @Test
    void refusesNetworksTooLargeForOneArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.parse("100000-100000-10", 1, 1));
        assertTrue(e.getMessage().contains("more than one Java array holds"), e.getMessage());
    }
}

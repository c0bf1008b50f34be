package org.ebp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void aSmallNeedPassesAndAHugeOneIsRefusedWithSizesAndFixes() {
        MemoryBudget.require(1 << 20, "a megabyte", "less");
        long max = Runtime.getRuntime().maxMemory();
        MemoryLimitException e = assertThrows(MemoryLimitException.class, () -> MemoryBudget.require(2 * max, "twice the heap", "less"));
        assertTrue(e.getMessage().startsWith("twice the heap needs " + MemoryBudget.size(2 * max) + " of memory, but only "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" of the " + MemoryBudget.size(max) + " heap is free; use less, or more heap, e.g. EBP_JAVA_OPTS=-Xmx8g"),
                e.getMessage());
    }

    @Test
    void productsSaturateInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, MemoryBudget.times(3, Long.MAX_VALUE / 2));
        assertEquals(Long.MAX_VALUE, MemoryBudget.times(1L << 40, 1L << 40));
        assertEquals(48_000, MemoryBudget.times(1000, 48));
        assertThrows(MemoryLimitException.class, () -> MemoryBudget.require(MemoryBudget.times(3, Long.MAX_VALUE / 2), "x", "y"));
    }

    @Test
    void sizesReadLikeAPersonWritesThem() {
        assertEquals("3.1 GB", MemoryBudget.size(3_328_599_654L));
        assertEquals("512 MB", MemoryBudget.size(512L << 20));
        assertEquals("64 KB", MemoryBudget.size(64 << 10));
        assertEquals("1 KB", MemoryBudget.size(1));
    }

    @Test
    void excerptsKeepShortTextAndCutLongText() {
        assertEquals("short", Excerpt.of("short"));
        String cut = Excerpt.of("9".repeat(1_000_000));
        assertEquals("9".repeat(60) + "... (1000000 characters)", cut);
        assertEquals("a\\nb", Excerpt.of("a\nb"));
    }
}

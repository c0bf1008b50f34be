package org.ebp.io;

import java.util.Locale;

/**
 * Checks a memory need against the Java heap before allocating, so that a lying file header, a
 * huge network or a matrix optimizer on too many weights is refused with a clear line instead of
 * ending in an {@link OutOfMemoryError}, which may strike any thread and leave state half-built.
 */
public final class MemoryBudget {

    /** The fix that every refusal names, since the heap size is set when the JVM starts. */
    public static final String MORE_HEAP = "more heap, e.g. EBP_JAVA_OPTS=-Xmx8g";

    /**
     * Part of the free heap a single request may take: the rest is left for the copies and
     * workspaces that come with it (an epoch's batch, a gradient) and for the shell itself.
     */
    private static final double USABLE_FRACTION = 0.8;

    private MemoryBudget() {
    }

    /** Bytes the heap can still give: its maximum less what live objects use now. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses a request of {@code bytes} that the heap cannot give.
     *
     * @param what names what needs the memory, e.g. "the 1000000 images of train.idx"
     * @param fix  what the user can do instead, e.g. "a smaller network"; the heap size is added
     * @param bytes the need; compute it with {@link #times} where a product may overflow
     * @throws MemoryLimitException when {@code bytes} exceed the usable part of the free heap,
     *                              even after a garbage collection
     */
    public static void require(long bytes, String what, String fix) {
        if (bytes <= 0 || fits(bytes)) {
            return;
        }
        // What looked used may be garbage: collect once before refusing (rare, and only on the way to a refusal).
        System.gc();
        if (fits(bytes)) {
            return;
        }
        throw new MemoryLimitException(what + " needs " + size(bytes) + " of memory, but only " + size(available())
                + " of the " + size(Runtime.getRuntime().maxMemory()) + " heap is free; use " + fix + ", or " + MORE_HEAP);
    }

    /**
     * The message for an {@link OutOfMemoryError} that a check did not foresee, for the code that
     * catches it at a command's boundary (the partly built objects are garbage by then).
     */
    public static String outOfMemory(String what, String fix) {
        return what + " ran out of memory (the " + size(Runtime.getRuntime().maxMemory())
                + " heap is full); nothing was changed; use " + fix + ", or " + MORE_HEAP;
    }

    private static boolean fits(long bytes) {
        return bytes <= (long) (available() * USABLE_FRACTION);
    }

    /** {@code count * bytesEach}, or {@link Long#MAX_VALUE} when that overflows (a need that large is refused anyway). */
    public static long times(long count, long bytesEach) {
        long high = Math.multiplyHigh(count, bytesEach);
        long low = count * bytesEach;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** Bytes in the unit a person reads: "3.1 GB", "512 MB", "64 KB". */
    public static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d KB", Math.max(1, (bytes + 1023) >> 10));
    }
}

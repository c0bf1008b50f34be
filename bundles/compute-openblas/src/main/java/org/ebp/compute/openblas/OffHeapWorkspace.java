package org.ebp.compute.openblas;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One thread's native buffers for the operands of a product: three float and three double
 * buffers, each grown (by doubling) to the largest block seen and then reused, so that a
 * training step allocates nothing. Buffers above {@value #KEEP_ELEMENTS} elements are released
 * after the call that needed them ({@link #trim()}), so that one product of a large data matrix
 * does not pin hundreds of megabytes of native memory. A thread's buffers are freed by JavaCPP
 * when the thread is gone.
 */
final class OffHeapWorkspace {

    /** 16 Mi elements: 64 MiB of floats, 128 MiB of doubles per buffer at most kept. */
    static final long KEEP_ELEMENTS = 16L << 20;

    private final FloatPointer[] floats = new FloatPointer[3];
    private final DoublePointer[] doubles = new DoublePointer[3];

    /** Float buffer {@code slot} (0 = A, 1 = B, 2 = C) of at least {@code elements}. */
    FloatPointer floats(int slot, long elements) {
        FloatPointer p = floats[slot];
        if (p == null || p.capacity() < elements) {
            if (p != null) {
                p.close();
            }
            p = new FloatPointer(grown(p == null ? 0 : p.capacity(), elements));
            floats[slot] = p;
        }
        return p.position(0);
    }

    /** Double buffer {@code slot} (0 = A, 1 = B, 2 = C) of at least {@code elements}. */
    DoublePointer doubles(int slot, long elements) {
        DoublePointer p = doubles[slot];
        if (p == null || p.capacity() < elements) {
            if (p != null) {
                p.close();
            }
            p = new DoublePointer(grown(p == null ? 0 : p.capacity(), elements));
            doubles[slot] = p;
        }
        return p.position(0);
    }

    /** Releases the buffers larger than {@value #KEEP_ELEMENTS} elements. */
    void trim() {
        for (int i = 0; i < 3; i++) {
            if (floats[i] != null && floats[i].capacity() > KEEP_ELEMENTS) {
                floats[i].close();
                floats[i] = null;
            }
            if (doubles[i] != null && doubles[i].capacity() > KEEP_ELEMENTS) {
                doubles[i].close();
                doubles[i] = null;
            }
        }
    }

    /** Doubling from the old capacity, so that a slowly growing block reallocates O(log n) times. */
    private static long grown(long old, long needed) {
        return Math.max(needed, Math.min(2 * old, KEEP_ELEMENTS));
    }
}

package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

/** What a script prints for a failure: one line, never a whole huge input, never "null". */
class GogoSessionMessageTest {

    @Test
    void anOutOfMemoryErrorNamesTheHeapAndTheFix() {
        String m = GogoSession.message(new InvocationTargetException(new OutOfMemoryError("Java heap space")));
        assertTrue(m.startsWith("out of memory (the "), m);
        assertTrue(m.endsWith("MB heap is full); use smaller data or a smaller network, or more heap, e.g. EBP_JAVA_OPTS=-Xmx8g"), m);
    }

    @Test
    void aHugeMessageIsCut() {
        String m = GogoSession.message(new IllegalArgumentException("no optimizer named '" + "x".repeat(5_000_000) + "'"));
        assertTrue(m.length() <= GogoSession.MAX_MESSAGE_CHARS, m.length() + " characters");
        assertTrue(m.endsWith("... (5000021 characters)"), m.substring(m.length() - 40));
    }

    @Test
    void aShortMessageIsKeptAndAMissingOneNamesTheType() {
        assertEquals("bad", GogoSession.message(new IllegalStateException("bad")));
        assertEquals("java.lang.IllegalStateException", GogoSession.message(new IllegalStateException()));
    }
}

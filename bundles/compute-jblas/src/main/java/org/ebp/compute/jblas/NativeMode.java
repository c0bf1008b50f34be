package org.ebp.compute.jblas;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which native library the jblas provider may use, set by the framework or system property
 * {@value JblasComputeService#NATIVE_PROPERTY}.
 */
public enum NativeMode {
    /** The system libjblas.so if it loads, else jblas's bundled library, else pure Java. */
    AUTO,
    /** Only the system libjblas.so (found on java.library.path); pure Java if it does not load. */
    SYSTEM,
    /**
     * jblas's own bundled library. jblas always tries the system library first, and Java fixes
     * java.library.path at start-up, so this is only possible when no libjblas.so is on that
     * path (start the JVM with a -Djava.library.path without it); otherwise it acts as AUTO and
     * says so in {@link JblasComputeService#library()}.
     */
    BUNDLED,
    /** No native code at all: every call runs the pure-Java kernels. */
    JAVA;

    /**
     * Parses a property value; null or blank means {@link #AUTO}.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static NativeMode parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (NativeMode mode : values()) {
            if (mode.name().equals(t)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(JblasComputeService.NATIVE_PROPERTY + "=" + text
                + " is not a known mode; use one of "
                + Arrays.stream(values()).map(NativeMode::id).toList());
    }

    /** The lower-case value as written in the property. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.ebp.compute.openblas;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The provider, loaded once per test JVM, on pinned arrays and on copies, and its unavailable state. */
final class OpenBlasProviders {

    static final OpenBlasComputeService OPENBLAS = OpenBlasComputeService.create("auto", "true");
    /** Loaded, with products on copied blocks (-Debp.compute.openblas.pinned=false). */
    static final OpenBlasComputeService COPYING = OpenBlasComputeService.create("auto", "false");
    /** Switched off: what a machine without usable natives gets. */
    static final OpenBlasComputeService OFF = OpenBlasComputeService.create("off");

    private OpenBlasProviders() {
    }

    static Stream<Arguments> all() {
        return Stream.of(Arguments.of("openblas", OPENBLAS), Arguments.of("openblas-copying", COPYING),
                Arguments.of("openblas-off", OFF));
    }
}

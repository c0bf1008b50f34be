package org.ebp.compute.openblas;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The provider, loaded once per test JVM, and its unavailable state. */
final class OpenBlasProviders {

    static final OpenBlasComputeService OPENBLAS = OpenBlasComputeService.create("auto");
    /** Switched off: what a machine without usable natives gets. */
    static final OpenBlasComputeService OFF = OpenBlasComputeService.create("off");

    private OpenBlasProviders() {
    }

    static Stream<Arguments> all() {
        return Stream.of(Arguments.of("openblas", OPENBLAS), Arguments.of("openblas-off", OFF));
    }
}

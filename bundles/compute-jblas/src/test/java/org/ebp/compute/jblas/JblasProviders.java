package org.ebp.compute.jblas;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The providers of this bundle, one of each per test JVM, so that the native probe runs once. */
final class JblasProviders {

    static final JblasComputeService JBLAS = JblasComputeService.create("auto");
    static final PureJavaCompute JAVA = new PureJavaCompute();
    /** The jblas provider forced to its pure-Java fallback. */
    static final JblasComputeService JBLAS_FALLBACK = JblasComputeService.create("java");

    private JblasProviders() {
    }

    /** The providers, named for the test report. */
    static Stream<Arguments> all() {
        return Stream.of(
                Arguments.of("jblas", JBLAS),
                Arguments.of("java", JAVA),
                Arguments.of("jblas-fallback", JBLAS_FALLBACK));
    }
}

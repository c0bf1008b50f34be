package org.ebp.compute.kernels;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.provider.Arguments;

/** The pure-Java provider against the compute contracts. */
class JavaComputeConformanceTest {

    static Stream<Arguments> javaOnly() {
        return Stream.of(Arguments.of("java", TestMatrices.JAVA));
    }

    @Nested
    class Products extends ProductContract {
        @Override
        protected Stream<Arguments> providers() {
            return javaOnly();
        }
    }

    @Nested
    class Decompositions extends DecompositionContract {
        @Override
        protected Stream<Arguments> providers() {
            return javaOnly();
        }
    }

    @Nested
    class Solves extends SolveContract {
        @Override
        protected Stream<Arguments> providers() {
            return javaOnly();
        }
    }
}

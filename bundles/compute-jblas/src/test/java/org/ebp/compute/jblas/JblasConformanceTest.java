package org.ebp.compute.jblas;

import java.util.stream.Stream;
import org.ebp.compute.kernels.DecompositionContract;
import org.ebp.compute.kernels.ProductContract;
import org.ebp.compute.kernels.SolveContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.provider.Arguments;

/** This bundle's providers (jblas, its pure-Java fallback, and java) against the compute contracts. */
class JblasConformanceTest {

    @Nested
    class Products extends ProductContract {
        @Override
        protected Stream<Arguments> providers() {
            return JblasProviders.all();
        }
    }

    @Nested
    class Decompositions extends DecompositionContract {
        @Override
        protected Stream<Arguments> providers() {
            return JblasProviders.all();
        }
    }

    @Nested
    class Solves extends SolveContract {
        @Override
        protected Stream<Arguments> providers() {
            return JblasProviders.all();
        }
    }
}

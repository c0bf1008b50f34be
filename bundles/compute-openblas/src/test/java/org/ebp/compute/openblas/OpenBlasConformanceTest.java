package org.ebp.compute.openblas;

import java.util.stream.Stream;
import org.ebp.compute.kernels.DecompositionContract;
import org.ebp.compute.kernels.ProductContract;
import org.ebp.compute.kernels.SolveContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.provider.Arguments;

/** The OpenBLAS provider, loaded and switched off, against the contracts every provider passes. */
class OpenBlasConformanceTest {

    @Nested
    class Products extends ProductContract {
        @Override
        protected Stream<Arguments> providers() {
            return OpenBlasProviders.all();
        }
    }

    @Nested
    class Decompositions extends DecompositionContract {
        @Override
        protected Stream<Arguments> providers() {
            return OpenBlasProviders.all();
        }
    }

    @Nested
    class Solves extends SolveContract {
        @Override
        protected Stream<Arguments> providers() {
            return OpenBlasProviders.all();
        }
    }
}

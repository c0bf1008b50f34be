package org.ebp.benchmarks.jmh;

import org.ebp.api.compute.ComputeService;
import org.ebp.compute.jblas.JblasComputeService;
import org.ebp.compute.kernels.JavaCompute;
import org.ebp.compute.openblas.OpenBlasComputeService;

/** The providers by name; each is created only when a benchmark asks for it. */
final class Providers {

    private Providers() {
    }

    static ComputeService create(String name) {
        return switch (name) {
            case "java" -> new JavaCompute();
            case "jblas" -> JblasComputeService.create("auto");
            case "openblas" -> OpenBlasComputeService.create("auto");
            // Products on copied blocks instead of the pinned arrays (-Debp.compute.openblas.pinned=false).
            case "openblas-copying" -> OpenBlasComputeService.create("auto", "false");
            default -> throw new IllegalArgumentException("unknown provider " + name
                    + "; use java, jblas, openblas or openblas-copying");
        };
    }
}

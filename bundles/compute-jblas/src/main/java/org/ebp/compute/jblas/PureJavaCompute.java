package org.ebp.compute.jblas;

import org.ebp.api.compute.ComputeService;
import org.ebp.compute.kernels.JavaCompute;
import org.osgi.service.component.annotations.Component;

/**
 * The reference {@link ComputeService} in plain Java ({@link JavaCompute}, embedded privately in
 * this bundle), registered with service ranking 0, so that it is used only when a user names it
 * ({@code ebp.name=java}) or no other provider is present.
 *
 * <p>Usable outside OSGi with {@code new PureJavaCompute()}. Thread-safe: it holds no state.
 */
@Component(service = ComputeService.class,
        property = {"ebp.kind=compute", "ebp.name=java", "service.ranking:Integer=0"})
public final class PureJavaCompute extends JavaCompute {
}

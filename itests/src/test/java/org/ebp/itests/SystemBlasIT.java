package org.ebp.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.Workbench;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Issue #12 item 10: in Felix, jblas loads Debian's system libjblas.so (linked to the system
 * OpenBLAS) as it does for a user, not its bundled copy. Before the itests ran one JVM per class
 * (itests/pom.xml), a framework started after another in the same JVM could not load the system
 * library again ("already loaded in another classloader") and jblas fell back to its bundled one.
 * The openblas provider is switched off here, as with {@code -Debp.compute.openblas=off}, because
 * while its OpenBLAS is loaded jblas must stay in pure Java (the two OpenBLAS builds share a soname).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SystemBlasIT {

    private static final Path SYSTEM_LIBRARY = Path.of("/usr/lib/jni/libjblas.so");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return new Option[] {composite(WorkbenchOptions.workbench()),
                frameworkProperty("ebp.compute.openblas").value("off")};
    }

    @Test
    public void computeReportsTheSystemLibjblasInFelix() throws Exception {
        assumeTrue("Debian's jblas package is not installed (" + SYSTEM_LIBRARY + "); runtime/bin/setup-env.sh installs it",
                Files.isRegularFile(SYSTEM_LIBRARY));
        Workbench workbench = Services.await(context, Workbench.class);
        HotSwapIT.awaitTrue("the jblas provider is registered", () -> workbench.catalog().list(ComponentKind.COMPUTE)
                .stream().anyMatch(e -> e.name().equals("jblas")));
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            String out = gogo.run("compute");
            assertTrue(out, out.contains("jblas 1.2.5 with system libjblas.so (" + SYSTEM_LIBRARY));
            assertTrue(out, !out.contains("bundled native library"));
        }
    }
}

package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** The resolver's filters in the user's terms: both bounds of the range, and what is exported. */
class ResolutionReasonsTest {

    @Test
    void rangesKeepBothBoundsAsOsgiWritesThem() {
        assertEquals("[2.0.0,3.0.0)", ResolutionReasons.range(
                "(&(osgi.wiring.package=org.ebp.api.component)(version>=2.0.0)(!(version>=3.0.0)))"));
        assertEquals("(1.2.0,1.5.0]", ResolutionReasons.range(
                "(&(osgi.wiring.package=p)(!(version<=1.2.0))(version<=1.5.0))"));
        assertEquals("[1.0.0,infinity)", ResolutionReasons.range("(&(osgi.wiring.package=p)(version>=1.0.0))"));
        assertEquals("[1.4.0,1.4.0]", ResolutionReasons.range("(&(osgi.wiring.package=p)(version=1.4.0))"));
        assertEquals("", ResolutionReasons.range("(osgi.wiring.package=p)"));
    }

    @Test
    void aPackageReasonNamesTheRangeTheExporterAndTheRangeToBuildAgainst() {
        String reason = ResolutionReasons.packageReason("org.ebp.api.component",
                "(&(osgi.wiring.package=org.ebp.api.component)(version>=2.0.0)(!(version>=3.0.0)))",
                List.of(new ResolutionReasons.Export("org.ebp.api.component", new Version(1, 3, 0), "org.ebp.api",
                        new Version(0, 1, 0, "SNAPSHOT"))));
        assertEquals("it imports package org.ebp.api.component version [2.0.0,3.0.0), but org.ebp.api 0.1.0.SNAPSHOT "
                + "exports it as 1.3.0 only; build the plugin against the workbench's API (import range [1.3,2))", reason);
        assertEquals("it imports package com.example.missing version [1.0.0,2.0.0), which no installed bundle exports; "
                + "install the bundle that exports it first", ResolutionReasons.packageReason("com.example.missing",
                "(&(osgi.wiring.package=com.example.missing)(version>=1.0.0)(!(version>=2.0.0)))", List.of()));
    }
}

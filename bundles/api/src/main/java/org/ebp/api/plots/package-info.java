/**
 * EBP API: charts as a service. The plots bundle provides {@link org.ebp.api.plots.CurveCharts}, so
 * that other bundles (a study's chart of every configuration's curves) draw the same figures as
 * {@code plot curves} without importing its implementation, and say so when it is not installed.
 * Semantically versioned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.ebp.api.plots;

/**
 * The workbench's figures as {@link org.ebp.plots.chart.Chart}s: training curves of one or more
 * runs with their swaps and pauses, the Hessian's top eigenvalues, and the input covariance
 * eigenvalues at each transform. Used by the {@code plot} commands and by the dashboard.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.ebp.plots.figure;

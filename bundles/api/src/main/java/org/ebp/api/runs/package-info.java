/**
 * EBP API: run records, the kept history of every training run (configuration, seeds, per-epoch
 * metrics, swaps and refusals, outcome), read through the {@link org.ebp.api.runs.RunRecords}
 * service. The file format is documented in the README section "Run records".
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.ebp.api.runs;

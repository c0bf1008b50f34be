/**
 * EBP API: a cluster of workbenches. {@link org.ebp.api.cluster.RemoteRuns} sends runs to members;
 * a study uses it when a cluster is up. Semantically versioned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.ebp.api.cluster;

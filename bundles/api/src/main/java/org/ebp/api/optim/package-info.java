/** EBP API: optim contracts. Semantically versioned; see README "Write your own component". */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.ebp.api.optim;

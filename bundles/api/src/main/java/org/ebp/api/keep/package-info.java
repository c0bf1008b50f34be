/**
 * EBP API: keeping work. Model files, checkpoints with exact resume, NumPy weight files, predictions on new data, and the
 * protection of a trained network against commands that would discard it. A session offers it
 * by implementing {@link org.ebp.api.keep.ModelKeeping}. Semantically versioned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.ebp.api.keep;

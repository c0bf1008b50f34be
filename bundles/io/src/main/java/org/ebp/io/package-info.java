/** Safe file writing shared by every bundle: {@link org.ebp.io.SafeFiles}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.ebp.io;

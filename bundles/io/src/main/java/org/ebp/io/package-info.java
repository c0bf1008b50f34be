/**
 * Safety shared by every bundle: {@link org.ebp.io.SafeFiles} writes files, {@link org.ebp.io.MemoryBudget}
 * checks memory before allocating, {@link org.ebp.io.Excerpt} cuts bad content quoted in messages,
 * {@link org.ebp.io.Nearest} finds the known name a mistyped one meant.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.ebp.io;

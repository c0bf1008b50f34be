/**
 * EBP API: declarations of shell commands for bundles outside the shell (plots, dashboard,
 * plugins). A bundle that adds Gogo commands registers a {@link org.ebp.api.command.CommandDeclarations}
 * service; the shell's help, TAB completion and usage lines render its declarations, and the
 * bundle checks what users type against the same declaration, so they cannot drift apart.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.ebp.api.command;

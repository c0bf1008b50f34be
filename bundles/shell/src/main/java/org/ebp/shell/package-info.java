/** Gogo commands (scope {@code ebp}) that drive the workbench: one class per command group. */
package org.ebp.shell;

/**
 * An example third-party plugin: an RPROP optimizer and the Elliott activation, built only
 * against the EBP API and published as Declarative Services components. Private: the workbench
 * sees only the {@code org.ebp.api} services.
 */
package org.ebp.examples.plugin;

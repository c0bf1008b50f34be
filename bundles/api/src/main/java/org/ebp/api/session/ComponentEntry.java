package org.ebp.api.session;

import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;

/**
 * A component as the registry knows it.
 *
 * @param bundle symbolic name and version of the bundle that provides it
 */
public record ComponentEntry(ComponentKind kind, String name, String description, List<ParameterSpec> parameters,
                             String bundle, int ranking) {
}

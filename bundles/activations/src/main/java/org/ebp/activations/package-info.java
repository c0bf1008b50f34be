/**
 * Activations (section 1.4.4 of Efficient BackProp) and target codings (section 1.4.5), published
 * as DS components with {@code ebp.kind=activation} and {@code ebp.kind=target-coding}.
 * Private to this bundle: other bundles see only the {@code org.ebp.api.model} services.
 */
package org.ebp.activations;

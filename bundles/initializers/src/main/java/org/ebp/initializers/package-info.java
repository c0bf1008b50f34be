/**
 * Weight initializers (section 1.4.6 of Efficient BackProp), published as DS components with
 * {@code ebp.kind=initializer}. Private to this bundle: other bundles see only the
 * {@code org.ebp.api.model.Initializer} services.
 */
package org.ebp.initializers;

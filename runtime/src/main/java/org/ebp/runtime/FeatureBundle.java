package org.ebp.runtime;

/**
 * One entry of a feature's {@code bundles} array.
 *
 * @param startOrder bundles start in ascending start order, ties in file order; 0 when not given
 */
public record FeatureBundle(MavenCoordinates coordinates, int startOrder) {
}

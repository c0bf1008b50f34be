package org.ebp.api.session;

/**
 * The input covariance eigenvalues of the training set at one stage of the transform chain
 * (section 1.4.3, eq 13 in matrix form).
 *
 * @param stage       "as loaded", or the transform applied last with its settings, e.g. "pca"
 * @param features    input width at this stage
 * @param eigenvalues eigenvalues of the covariance, largest first (rounding-level negatives kept as computed)
 * @param nonZero     how many lie above the relative tolerance under which pca treats a direction as empty
 * @since 1.2
 */
public record InputSpectrumStage(String stage, int features, double[] eigenvalues, int nonZero) {
}

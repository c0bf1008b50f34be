package org.ebp.api.session;

/**
 * Loss and accuracy of the current network on a named split.
 *
 * @param accuracy NaN for regression sets
 */
public record Evaluation(String split, int examples, double loss, double accuracy) {
}

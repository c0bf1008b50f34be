package org.ebp.api.session;

import java.util.List;

/**
 * An evaluation with its detail: for a classification set the confusion matrix (rows: true
 * class, columns: predicted class, the predicted class being the output unit with the largest
 * value), for a regression set the coefficient of determination of every target.
 *
 * @param evaluation loss and accuracy, as {@link TrainingSession#evaluate} gives them
 * @param classNames the classes, in the matrix's order (empty for regression)
 * @param confusion  {@code confusion[t][p]}: examples of class t predicted as p (empty for regression)
 * @param rSquared   per target, R^2 = 1 - sum (y - yhat)^2 / sum (y - mean y)^2 over the split (empty for
 *                   classification); NaN for a target that is constant on the split
 * @since 1.3
 */
public record EvaluationDetail(Evaluation evaluation, List<String> classNames, int[][] confusion, double[] rSquared) {

    /** The mean of the per-target R^2 (scikit-learn's uniform average), NaN for classification. */
    public double meanRSquared() {
        if (rSquared.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double r : rSquared) {
            sum += r;
        }
        return sum / rSquared.length;
    }

    /** Precision of class k: correct predictions of k over all predictions of k (NaN when k is never predicted). */
    public double precision(int k) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[k];
        }
        return predicted == 0 ? Double.NaN : confusion[k][k] / (double) predicted;
    }

    /** Recall of class k: correct predictions of k over the examples of k (NaN when the split has none). */
    public double recall(int k) {
        int actual = 0;
        for (int v : confusion[k]) {
            actual += v;
        }
        return actual == 0 ? Double.NaN : confusion[k][k] / (double) actual;
    }
}

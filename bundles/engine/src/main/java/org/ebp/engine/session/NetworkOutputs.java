package org.ebp.engine.session;

import java.util.List;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.EvaluationDetail;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.Workspace;

/** The network's outputs on a whole set, and what they say: confusion matrix or R^2. */
final class NetworkOutputs {

    /** Rows per forward pass: bounds the workspace whatever the set's size. */
    static final int CHUNK = 256;

    private NetworkOutputs() {
    }

    /** Outputs of every example of {@code d} (already transformed), row-major, {@code network.outputWidth()} per row. */
    static double[] of(Network network, double[] weights, ComputeService compute, Dataset d) {
        int in = network.inputWidth();
        int k = network.outputWidth();
        Workspace ws = network.newWorkspace(Math.max(1, Math.min(CHUNK, d.size())));
        double[] out = new double[d.size() * k];
        for (int from = 0; from < d.size(); from += CHUNK) {
            int rows = Math.min(CHUNK, d.size() - from);
            double[] x = ws.inputs();
            for (int i = 0; i < rows; i++) {
                d.copyRow(from + i, x, i * in);
            }
            network.forward(compute, weights, ws, rows);
            System.arraycopy(ws.outputs(), 0, out, from * k, rows * k);
        }
        return out;
    }

    /** The class of each row: the output unit with the largest value (as accuracy counts it). */
    static int predictedClass(double[] outputs, int row, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (outputs[row * k + j] > outputs[row * k + best]) {
                best = j;
            }
        }
        return best;
    }

    static EvaluationDetail detail(Evaluation evaluation, Dataset d, double[] outputs, int k) {
        if (d.hasLabels()) {
            int classes = d.classCount();
            int[][] confusion = new int[classes][classes];
            for (int i = 0; i < d.size(); i++) {
                int p = predictedClass(outputs, i, k);
                if (p < classes) {
                    confusion[d.label(i)][p]++;
                }
            }
            return new EvaluationDetail(evaluation, d.classNames(), confusion, new double[0]);
        }
        int t = d.targetCount();
        double[] r2 = new double[t];
        for (int j = 0; j < t; j++) {
            double mean = 0;
            for (int i = 0; i < d.size(); i++) {
                mean += d.target(i, j);
            }
            mean /= d.size();
            double residual = 0;
            double total = 0;
            for (int i = 0; i < d.size(); i++) {
                double y = d.target(i, j);
                double e = y - outputs[i * k + j];
                residual += e * e;
                total += (y - mean) * (y - mean);
            }
            r2[j] = total == 0 ? Double.NaN : 1 - residual / total;
        }
        return new EvaluationDetail(evaluation, List.of(), new int[0][0], r2);
    }
}

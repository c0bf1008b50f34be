package org.ebp.engine.training;

import org.ebp.api.data.Dataset;
import org.ebp.api.model.TargetCoding;
import org.ebp.engine.network.FloatWorkspace;
import org.ebp.engine.network.Workspace;

/**
 * Copies examples of a dataset (float32 rows) and their target rows into a workspace's reused
 * buffers (double, or float for the float32 path): coded class labels for classification, the
 * real targets for regression.
 */
public final class ExampleGatherer {

    private final Dataset data;
    private final TargetCoding coding;
    private final TargetCoding.Levels levels;
    private final int outputs;

    /**
     * @param coding  the target coding, or null for a regression set
     * @param levels  its levels for the network's output activation, or null for regression
     * @param outputs the network's output width (classes, or targets per row)
     */
    public ExampleGatherer(Dataset data, TargetCoding coding, TargetCoding.Levels levels, int outputs) {
        if (data.hasLabels() && (coding == null || levels == null)) {
            throw new IllegalArgumentException("classification data needs a target coding");
        }
        this.data = data;
        this.coding = coding;
        this.levels = levels;
        this.outputs = outputs;
    }

    public Dataset data() {
        return data;
    }

    public int size() {
        return data.size();
    }

    public boolean classification() {
        return data.hasLabels();
    }

    /**
     * Gathers {@code rows} examples into the first rows of the workspace: example
     * {@code order[from + k]} (or {@code from + k} when {@code order} is null) becomes row k.
     */
    public void gather(int[] order, int from, int rows, Workspace ws) {
        int width = data.features();
        double[] x = ws.inputs();
        double[] t = ws.targets();
        int[] labels = ws.labels();
        for (int k = 0; k < rows; k++) {
            int example = order == null ? from + k : order[from + k];
            data.copyRow(example, x, k * width);
            target(example, k, labels, t);
        }
    }

    /** As {@link #gather(int[], int, int, Workspace)} into a float32 workspace: the rows are copied as stored, in float. */
    public void gather(int[] order, int from, int rows, FloatWorkspace ws) {
        int width = data.features();
        float[] x = ws.inputs();
        double[] t = ws.targets();
        int[] labels = ws.labels();
        for (int k = 0; k < rows; k++) {
            int example = order == null ? from + k : order[from + k];
            data.copyRow(example, x, k * width);
            target(example, k, labels, t);
        }
    }

    /** Row k's target: the coded label of a classification set (and the label), or the stored targets. */
    private void target(int example, int k, int[] labels, double[] t) {
        if (data.hasLabels()) {
            int label = data.label(example);
            labels[k] = label;
            coding.encode(label, outputs, levels, t, k * outputs);
        } else {
            data.copyTargets(example, t, k * outputs);
        }
    }
}

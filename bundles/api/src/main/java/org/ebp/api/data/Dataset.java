package org.ebp.api.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named table of examples: features as float32, row-major, and either class labels or real
 * targets. Compact by design (Fashion-MNIST's 60,000 x 784 training set costs one float copy);
 * the engine gathers mini-batches from it into reused double buffers.
 *
 * <p>A dataset may be a <em>view</em> of another's storage through a row index (splits are views,
 * so splitting costs no copy of the features). Immutable: nothing here changes the arrays handed
 * to the constructor, and callers must not change them afterwards.
 */
public final class Dataset {

    private final String name;
    private final float[] x;
    private final int cols;
    private final int[] labels;
    private final float[] targets;
    private final int targetCols;
    private final List<String> classNames;
    private final List<String> featureNames;
    private final int[] index;
    private final int rows;

    private Dataset(String name, float[] x, int cols, int[] labels, float[] targets, int targetCols,
                    List<String> classNames, List<String> featureNames, int[] index, int rows) {
        this.name = Objects.requireNonNull(name);
        this.x = x;
        this.cols = cols;
        this.labels = labels;
        this.targets = targets;
        this.targetCols = targetCols;
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
        this.featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
        this.index = index;
        this.rows = rows;
    }

    /**
     * A classification set.
     *
     * @param x          rows x cols features, row-major
     * @param labels     class of each row, in [0, classNames.size())
     * @param classNames names of the classes
     * @throws IllegalArgumentException on inconsistent sizes or labels out of range
     */
    public static Dataset classification(String name, float[] x, int rows, int cols, int[] labels,
                                         List<String> classNames, List<String> featureNames) {
        check(x, rows, cols);
        if (labels.length != rows) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + rows + " rows");
        }
        int k = classNames.size();
        for (int i = 0; i < rows; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException(name + ": row " + i + " has label " + labels[i] + " outside 0.." + (k - 1));
            }
        }
        return new Dataset(name, x, cols, labels, null, 0, classNames, featureNames, null, rows);
    }

    /** A regression set with {@code targetCols} real targets per row. */
    public static Dataset regression(String name, float[] x, int rows, int cols, float[] targets, int targetCols,
                                     List<String> featureNames) {
        check(x, rows, cols);
        if (targetCols <= 0 || targets.length != (long) rows * targetCols) {
            throw new IllegalArgumentException(name + ": " + targets.length + " targets for " + rows + " rows of " + targetCols);
        }
        return new Dataset(name, x, cols, null, targets, targetCols, List.of(), featureNames, null, rows);
    }

    /**
     * A set of features without labels or targets: new data to apply a trained network to
     * ({@code predict}). It cannot be trained on.
     *
     * @since 1.2
     */
    public static Dataset unlabeled(String name, float[] x, int rows, int cols, List<String> featureNames) {
        check(x, rows, cols);
        return new Dataset(name, x, cols, null, null, 0, List.of(), featureNames, null, rows);
    }

    /**
     * True for a set made by {@link #unlabeled}: neither class labels nor targets.
     *
     * @since 1.2
     */
    public boolean isUnlabeled() {
        return labels == null && targetCols == 0;
    }

    private static void check(float[] x, int rows, int cols) {
        if (rows < 0 || cols <= 0 || x.length != (long) rows * cols) {
            throw new IllegalArgumentException("features hold " + x.length + " values, not " + rows + " x " + cols);
        }
    }

    public String name() {
        return name;
    }

    /** Number of examples. */
    public int size() {
        return rows;
    }

    /** Number of features. */
    public int features() {
        return cols;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Number of classes, 0 for regression. */
    public int classCount() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** Targets per row for regression sets, 0 otherwise. */
    public int targetCount() {
        return targetCols;
    }

    private int storageRow(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of " + rows);
        }
        return index == null ? i : index[i];
    }

    /** Feature j of example i. */
    public float feature(int i, int j) {
        return x[storageRow(i) * cols + j];
    }

    /** Class of example i. */
    public int label(int i) {
        return labels[storageRow(i)];
    }

    /** Target k of example i (regression). */
    public float target(int i, int k) {
        return targets[storageRow(i) * targetCols + k];
    }

    /** Copies the features of example i to {@code dst[off..off+features())}. */
    public void copyRow(int i, double[] dst, int off) {
        int base = storageRow(i) * cols;
        for (int j = 0; j < cols; j++) {
            dst[off + j] = x[base + j];
        }
    }

    /** Copies the features of example i to {@code dst[off..off+features())}. */
    public void copyRow(int i, float[] dst, int off) {
        System.arraycopy(x, storageRow(i) * cols, dst, off, cols);
    }

    /** Copies the targets of example i (regression). */
    public void copyTargets(int i, double[] dst, int off) {
        int base = storageRow(i) * targetCols;
        for (int k = 0; k < targetCols; k++) {
            dst[off + k] = targets[base + k];
        }
    }

    /** All labels in row order (a copy). */
    public int[] labels() {
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = labels[storageRow(i)];
        }
        return out;
    }

    /** All features in row order as a new row-major array (a copy). */
    public float[] featureMatrix() {
        if (index == null) {
            return x.clone();
        }
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, index[i] * cols, out, i * cols, cols);
        }
        return out;
    }

    /** Per-class counts. */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        for (int i = 0; i < rows; i++) {
            counts[label(i)]++;
        }
        return counts;
    }

    /** A view of the given rows (indices into this set), sharing storage. */
    public Dataset subset(String newName, int[] rowsOfThis) {
        int[] mapped = new int[rowsOfThis.length];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = storageRow(rowsOfThis[i]);
        }
        return new Dataset(newName, x, cols, labels, targets, targetCols, classNames, featureNames, mapped, mapped.length);
    }

    /**
     * The same examples (labels or targets, in this set's row order) with new features, e.g. the
     * output of a transform.
     */
    public Dataset withFeatures(String newName, float[] newX, int newCols, List<String> newFeatureNames) {
        check(newX, rows, newCols);
        if (labels != null) {
            return new Dataset(newName, newX, newCols, labels(), null, 0, classNames, newFeatureNames, null, rows);
        }
        if (targets == null) {
            return new Dataset(newName, newX, newCols, null, null, 0, classNames, newFeatureNames, null, rows);
        }
        float[] t = new float[rows * targetCols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(targets, storageRow(i) * targetCols, t, i * targetCols, targetCols);
        }
        return new Dataset(newName, newX, newCols, null, t, targetCols, classNames, newFeatureNames, null, rows);
    }

    /** The same view under another name. */
    public Dataset renamed(String newName) {
        return new Dataset(newName, x, cols, labels, targets, targetCols, classNames, featureNames, index, rows);
    }

    @Override
    public String toString() {
        return name + " (" + rows + " x " + cols + (hasLabels() ? ", " + classCount() + " classes"
                : isUnlabeled() ? ", unlabeled" : ", " + targetCols + " targets") + ")";
    }

    /** For tests: exact equality of contents in row order. */
    public boolean sameContents(Dataset o) {
        if (o.rows != rows || o.cols != cols || o.hasLabels() != hasLabels()) {
            return false;
        }
        return Arrays.equals(featureMatrix(), o.featureMatrix()) && (!hasLabels() || Arrays.equals(labels(), o.labels()));
    }
}

package org.ebp.engine.session;

import java.util.Map;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.engine.network.Network;

/**
 * The {@code net} settings of RBF layers ({@code 64-rbf20-10}): {@code rbf-train} (train centres
 * and widths too, default false: only the output weights learn, as in section 1.4.8) and
 * {@code rbf-width} (widths = this times each centre's distance to its nearest neighbour), and
 * their k-means start on the training set.
 */
final class RbfSetup {

    /** Most training examples used by k-means (a prefix of the training set). */
    static final int KMEANS_EXAMPLES = 5000;

    private RbfSetup() {
    }

    static double widthScale(String text) {
        if (text == null) {
            return 1.0;
        }
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("net setting rbf-width=" + text + " is not a number; e.g. rbf-width=1.0");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("net setting rbf-width=" + text + " must be a positive number; e.g. rbf-width=1.0");
        }
        return v;
    }

    static boolean train(Map<String, String> raw) {
        return Formats.parseBoolean("net", "rbf-train", raw.remove("rbf-train"), false);
    }

    /** Which weight layers of a saved layout hold RBF centres (segments of role CENTERS). */
    static boolean[] layersOf(org.ebp.api.model.ParameterLayout layout, int layers) {
        boolean[] flags = new boolean[layers];
        for (org.ebp.api.model.ParameterLayout.Segment s : layout.segments()) {
            if (s.role() == org.ebp.api.model.ParameterLayout.Role.CENTERS && s.layer() >= 1 && s.layer() <= layers) {
                flags[s.layer() - 1] = true;
            }
        }
        return flags;
    }

    /**
     * Whether a restored RBF network trains its centres: a model file does not record
     * rbf-train, so a restored RBF network keeps its centres and widths fixed (create the
     * network again with rbf-train=true to train them).
     */
    static boolean trainedIn(org.ebp.api.model.ParameterLayout layout) {
        return false;
    }

    /** Centres by k-means on the training inputs and widths from their spread; nothing for dense nets. */
    static void initialize(Network net, double[] w, SessionData data, ComputeService compute, long seed, double widthScale) {
        if (!net.hasRbf()) {
            return;
        }
        if (data == null) {
            throw new IllegalArgumentException("RBF layers are initialised by k-means on the data; load data first "
                    + "(data load NAME), then create the network");
        }
        Dataset train = data.trainingSet();
        int rows = Math.min(train.size(), KMEANS_EXAMPLES);
        int width = train.features();
        double[] x = new double[rows * width];
        for (int p = 0; p < rows; p++) {
            train.copyRow(p, x, p * width);
        }
        net.initializeRbfLayers(compute, w, x, rows, widthScale, seed);
    }
}

package org.ebp.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.compute.SymmetricEigen;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Karhunen-Loeve decorrelation (section 1.4.3, fig. 3): centre the inputs, then rotate them onto
 * the eigenvectors of their covariance matrix {@code C = (1/P) sum_p (x^p - mean)(x^p - mean)'}
 * (the matrix form of eq 13), largest variance first:
 * {@code z_r = scale_r * v_r' (x - mean)}. The rotated inputs are uncorrelated on the training
 * set and the variance of z_r is the eigenvalue lambda_r times scale_r squared.
 *
 * <p>Directions whose variance is below {@code tolerance} times the largest are dropped: they
 * come from linearly dependent inputs, which the paper says to remove because they create flat
 * directions of the error surface. {@code variance} and {@code components} drop more, for
 * dimension reduction.
 *
 * <p>Fitted values: State arrays {@code mean} (d), {@code components} (k x d row-major, row r =
 * unit eigenvector v_r, sign chosen so that its largest entry is positive, which makes fits
 * reproducible across eigen solvers), {@code variance} (k eigenvalues, descending) and
 * {@code scale} (k).
 *
 * <p>The eigen-decomposition needs a {@link ComputeService}: the one passed to {@link #fit}, or
 * the one the component is bound to. {@link #apply} uses the bound service for its matrix
 * product when there is one and plain Java otherwise (correct, but slower on large sets).
 */
abstract class DecorrelatingTransform implements DataTransform {

    static final String MEAN = "mean";
    static final String COMPONENTS = "components";
    static final String VARIANCE = "variance";
    static final String SCALE = "scale";

    static final String COMPONENTS_SETTING = "components";
    static final String VARIANCE_SETTING = "variance";
    static final String TOLERANCE_SETTING = "tolerance";

    /** Rows per block: a 1024 x 784 double block is 6 MB, small enough to stay cache-friendly and cheap. */
    private static final int BLOCK_ROWS = 1024;

    /** The settings shared by every decorrelating transform. */
    static List<ParameterSpec> commonParameters() {
        return List.of(
                ParameterSpec.integer(COMPONENTS_SETTING, 0, 0, 1_000_000,
                        "keep at most this many leading components; 0 keeps every one the other settings keep"),
                ParameterSpec.real(VARIANCE_SETTING, 1.0, 1e-6, 1.0,
                        "keep the fewest leading components that explain this fraction of the total variance"),
                ParameterSpec.real(TOLERANCE_SETTING, 1e-10, 0, 0.1,
                        "drop directions whose variance is below this fraction of the largest (linearly dependent inputs)"));
    }

    /**
     * The compute service the component is bound to, or null. Declared here for all three
     * components; bnd reads it through {@code -dsannotations-options: inherit} (see the pom) and
     * SCR injects superclass fields of the same package.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ComputeService compute;

    /** For DS. */
    DecorrelatingTransform() {
    }

    /** Outside a framework: the service that does the linear algebra, or null. */
    DecorrelatingTransform(ComputeService compute) {
        this.compute = compute;
    }

    /** {@link #commonParameters()} plus the covariance {@code target} of the whitening transforms. */
    static List<ParameterSpec> whiteningParameters() {
        List<ParameterSpec> p = new ArrayList<>(commonParameters());
        p.add(StandardizeTransform.targetParameter());
        return List.copyOf(p);
    }

    /**
     * Covariance equalisation (section 1.4.3, fig. 3, third step): the factor
     * {@code sqrt(target / lambda_r)} that gives component r the covariance (eq 13) {@code target}.
     */
    static double whiteningScale(double variance, Settings settings) {
        return Math.sqrt(settings.getDouble(StandardizeTransform.TARGET) / variance);
    }

    /** The compute service the component is bound to, or null. */
    final ComputeService boundCompute() {
        return compute;
    }

    /** The factor applied to component r, given its variance lambda_r. */
    abstract double componentScale(double variance, Settings settings);

    /** Short phrase for the report, e.g. "rotated" or "rotated and scaled to covariance 1". */
    abstract String whatItDoes(Settings settings);

    /**
     * Whether the scaled components are rotated back onto the input axes ({@code zca}): the
     * output then has the input's width and feature names, {@code z = V diag(scale) V' (x - mean)}.
     */
    boolean rotatesBack() {
        return false;
    }

    @Override
    public FittedTransform fit(Dataset train, Settings settings, ComputeService compute) {
        ComputeService cs = compute != null ? compute : boundCompute();
        if (cs == null) {
            throw new IllegalArgumentException("transform '" + name() + "' needs a compute service for its eigen-decomposition,"
                    + " and none is available; install a compute bundle such as org.ebp.compute.jblas");
        }
        FeatureMoments moments = FeatureMoments.of(train, name());
        int d = moments.features();
        double[] covariance = covariance(train, moments.mean, cs);
        SymmetricEigen eigen = cs.symmetricEigen(covariance, d);

        double largest = Math.max(0, eigen.values()[d - 1]);
        if (!(largest > 0)) {
            throw new IllegalArgumentException("transform '" + name() + "' cannot be fitted on " + train.name()
                    + ": every feature is constant on it, so there is no direction to keep");
        }
        double tolerance = settings.getDouble(TOLERANCE_SETTING);
        double total = 0;
        int aboveTolerance = 0;
        for (int r = d - 1; r >= 0; r--) {
            double lambda = eigen.values()[r];
            if (lambda > tolerance * largest && lambda > 0) {
                aboveTolerance++;
                total += lambda;
            }
        }
        double fraction = settings.getDouble(VARIANCE_SETTING);
        int k = 0;
        double kept = 0;
        // Stop at the first count that reaches the fraction; the 1e-12 absorbs rounding in the sum.
        while (k < aboveTolerance && kept < fraction * total * (1 - 1e-12)) {
            kept += eigen.values()[d - 1 - k];
            k++;
        }
        int cap = settings.getInt(COMPONENTS_SETTING);
        if (cap > 0 && cap < k) {
            k = cap;
            kept = 0;
            for (int r = 0; r < k; r++) {
                kept += eigen.values()[d - 1 - r];
            }
        }

        double[] components = new double[k * d];
        double[] variance = new double[k];
        double[] scale = new double[k];
        for (int r = 0; r < k; r++) {
            int column = d - 1 - r; // eigenvalues come ascending; components go descending
            variance[r] = eigen.values()[column];
            int argMax = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(eigen.vector(j, column)) > Math.abs(eigen.vector(argMax, column))) {
                    argMax = j;
                }
            }
            double sign = eigen.vector(argMax, column) < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) {
                components[r * d + j] = sign * eigen.vector(j, column);
            }
            scale[r] = componentScale(variance[r], settings);
        }
        State values = new State().putArray(MEAN, moments.mean.clone()).putArray(COMPONENTS, components)
                .putArray(VARIANCE, variance).putArray(SCALE, scale);
        return new FittedTransform(name(), settings.asText(), d, rotatesBack() ? d : k, values,
                report(train, moments, settings, d, k, kept / total, aboveTolerance, variance));
    }

    private String report(Dataset train, FeatureMoments moments, Settings settings, int d, int k, double keptFraction,
                          int aboveTolerance, double[] variance) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d features -> %s (%s), keeping %.2f%% of the variance; component variances %.4g .. %.4g;"
                        + " fitted on %s (%d rows)",
                name(), d, rotatesBack() ? d + " features from " + k + " components" : k + " components", whatItDoes(settings), 100 * keptFraction, variance[0], variance[k - 1], train.name(), moments.rows));
        if (aboveTolerance < d) {
            b.append(String.format(Locale.ROOT, "%n%d of %d directions have variance below %.3g of the largest and were dropped:"
                            + " the inputs are linearly dependent (constant features count too), which would make flat"
                            + " directions (section 1.4.3)",
                    d - aboveTolerance, d, settings.getDouble(TOLERANCE_SETTING)));
        }
        List<Integer> constant = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (moments.constant(j)) {
                constant.add(j);
            }
        }
        if (!constant.isEmpty()) {
            b.append('\n').append(PerFeatureAffineTransform.featureList(constant)).append(' ')
                    .append(PerFeatureAffineTransform.has(constant)).append(" zero variance on the training set; they take no part in any component");
        }
        return b.toString();
    }

    /**
     * {@code C = (1/P) Xc' Xc} for the centred rows Xc, accumulated block by block with
     * {@code dgemm}, so that memory stays at one block whatever the set's size.
     */
    private static double[] covariance(Dataset data, double[] mean, ComputeService cs) {
        int n = data.size();
        int d = mean.length;
        int blockRows = Math.min(BLOCK_ROWS, n);
        double[] block = new double[blockRows * d];
        double[] c = new double[d * d];
        for (int start = 0; start < n; start += blockRows) {
            int rows = Math.min(blockRows, n - start);
            centredBlock(data, mean, start, rows, block);
            cs.dgemm(true, false, d, d, rows, 1.0, block, 0, d, block, 0, d, 1.0, c, 0, d);
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                // Average the two triangles so the matrix handed to the eigen solver is exactly symmetric.
                double v = 0.5 * (c[i * d + j] + c[j * d + i]) / n;
                c[i * d + j] = v;
                c[j * d + i] = v;
            }
        }
        return c;
    }

    private static void centredBlock(Dataset data, double[] mean, int start, int rows, double[] block) {
        int d = mean.length;
        for (int i = 0; i < rows; i++) {
            data.copyRow(start + i, block, i * d);
            for (int j = 0; j < d; j++) {
                block[i * d + j] -= mean[j];
            }
        }
    }

    @Override
    public Dataset apply(FittedTransform fitted, Dataset data) {
        return apply(fitted, data, boundCompute());
    }

    /** Applies with {@code compute} doing the matrix products, or plain Java when it is null. */
    @Override
    public Dataset apply(FittedTransform fitted, Dataset data, ComputeService compute) {
        if (!fitted.transform().equals(name())) {
            throw new IllegalArgumentException("this fitted transform belongs to '" + fitted.transform() + "', not to '" + name()
                    + "'; apply it with '" + fitted.transform() + "'");
        }
        int d = fitted.inputWidth();
        boolean back = rotatesBack();
        if (back && fitted.outputWidth() != d) {
            throw new IllegalArgumentException("fitted transform '" + name() + "' must map " + d + " features to " + d
                    + ", not to " + fitted.outputWidth() + "; it is damaged, fit it again");
        }
        double[] variances = fitted.values().array(VARIANCE);
        int k = back ? (variances == null ? 0 : variances.length) : fitted.outputWidth();
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("fitted transform '" + name() + "' keeps " + k + " components of " + d
                    + " features; it is damaged, fit it again");
        }
        double[] mean = checked(fitted, MEAN, d);
        double[] components = checked(fitted, COMPONENTS, (long) k * d);
        double[] scale = checked(fitted, SCALE, k);
        if (data.features() != d) {
            throw new IllegalArgumentException("transform '" + name() + "' was fitted on " + d + " features; this data has "
                    + data.features());
        }
        int n = data.size();
        ComputeService cs = compute;
        int width = back ? d : k;
        int blockRows = Math.max(1, Math.min(BLOCK_ROWS, n));
        double[] block = new double[blockRows * d];
        double[] projected = new double[blockRows * k];
        double[] rotatedBack = back ? new double[blockRows * d] : null;
        float[] out = new float[n * width];
        for (int start = 0; start < n; start += blockRows) {
            int rows = Math.min(blockRows, n - start);
            centredBlock(data, mean, start, rows, block);
            if (cs != null) {
                cs.dgemm(false, true, rows, k, d, 1.0, block, 0, d, components, 0, d, 0.0, projected, 0, k);
            } else {
                project(block, rows, d, components, k, projected);
            }
            for (int i = 0; i < rows; i++) {
                for (int r = 0; r < k; r++) {
                    projected[i * k + r] *= scale[r];
                }
            }
            if (back) {
                // zca: rotatedBack (rows x d) = scaled projections (rows x k) * components (k x d)
                if (cs != null) {
                    cs.dgemm(false, false, rows, d, k, 1.0, projected, 0, k, components, 0, d, 0.0, rotatedBack, 0, d);
                } else {
                    rotateBack(projected, rows, k, components, d, rotatedBack);
                }
            }
            double[] result = back ? rotatedBack : projected;
            for (int i = 0; i < rows * width; i++) {
                out[start * width + i] = (float) result[i];
            }
        }
        if (back) {
            return data.withFeatures(data.name(), out, d, data.featureNames());
        }
        List<String> names = new ArrayList<>(k);
        for (int r = 1; r <= k; r++) {
            names.add("pc" + r);
        }
        return data.withFeatures(data.name(), out, k, names);
    }

    /** {@code projected (rows x k) = block (rows x d) * components' (d x k)} in plain Java. */
    private static void project(double[] block, int rows, int d, double[] components, int k, double[] projected) {
        for (int i = 0; i < rows; i++) {
            for (int r = 0; r < k; r++) {
                double sum = 0;
                int a = i * d;
                int b = r * d;
                for (int j = 0; j < d; j++) {
                    sum += block[a + j] * components[b + j];
                }
                projected[i * k + r] = sum;
            }
        }
    }

    /** {@code back (rows x d) = scaled (rows x k) * components (k x d)} in plain Java. */
    private static void rotateBack(double[] scaled, int rows, int k, double[] components, int d, double[] back) {
        java.util.Arrays.fill(back, 0, rows * d, 0.0);
        for (int i = 0; i < rows; i++) {
            for (int r = 0; r < k; r++) {
                double z = scaled[i * k + r];
                int b = r * d;
                for (int j = 0; j < d; j++) {
                    back[i * d + j] += z * components[b + j];
                }
            }
        }
    }

    private double[] checked(FittedTransform fitted, String key, long length) {
        double[] values = fitted.values().array(key);
        if (values == null || values.length != length) {
            throw new IllegalArgumentException("fitted transform '" + name() + "' needs a '" + key + "' array of " + length
                    + " values; it is damaged, fit it again");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("fitted transform '" + name() + "' has " + v + " in '" + key
                        + "'; it is damaged, fit it again");
            }
        }
        return values;
    }
}

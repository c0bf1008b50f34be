package org.ebp.engine.training;

import java.util.Set;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Objective;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;
import org.ebp.engine.network.Workspace;

/**
 * The loss of the current batch as a function of the flat parameter vector: what an optimizer
 * sees. The batch is a slice of an example order; it may be evaluated at any {@code w} (line
 * searches do), always on the same examples until the session sets the next batch.
 *
 * <p>Buffers are reused: a batch of up to {@link #MAX_CHUNK} examples is gathered once into the
 * workspace when it is set, and every evaluation runs the forward (and backward) pass on it in
 * place, leaving the forward state (pre-activations and outputs of every layer) in the
 * workspace for later passes such as Hessian-vector products. A larger batch (full-batch
 * methods on a big set) is processed in chunks of {@code MAX_CHUNK} examples that are gathered
 * again on every evaluation and whose gradients accumulate, so memory stays bounded.
 *
 * <p>Not thread-safe: used by the session thread only.
 */
public final class BatchObjective implements Objective {

    /**
     * What this engine's objectives can compute besides loss and gradient. The Jacobian exists
     * only for squared-error losses ({@link #capabilities()} of an instance says so); optimizers
     * that need it also declare {@code squaredError}, which the session checks separately.
     */
    public static final Set<Capability> CAPABILITIES = Set.of(Capability.HESSIAN_VECTOR, Capability.GAUSS_NEWTON_VECTOR,
            Capability.DIAGONAL_GAUSS_NEWTON, Capability.JACOBIAN);

    private static final Set<Capability> WITHOUT_JACOBIAN = Set.of(Capability.HESSIAN_VECTOR,
            Capability.GAUSS_NEWTON_VECTOR, Capability.DIAGONAL_GAUSS_NEWTON);

    /** Capabilities of a network with RBF layers: exact R-operator passes exist for dense layers only. */
    private static final Set<Capability> RBF_CAPABILITIES = Set.of(Capability.HESSIAN_VECTOR,
            Capability.DIAGONAL_GAUSS_NEWTON);

    /**
     * What objectives of this network provide (Hessian-vector products of RBF networks come from
     * differences of gradients, eq 59). The Jacobian needs a squared-error loss as well.
     */
    public static Set<Capability> capabilitiesOf(Network network) {
        return network.hasRbf() ? RBF_CAPABILITIES : CAPABILITIES;
    }

    /** What objectives of this network with this loss provide: no Jacobian without squared error (eq 51). */
    public static Set<Capability> capabilitiesOf(Network network, boolean squaredError) {
        Set<Capability> all = capabilitiesOf(network);
        if (squaredError || !all.contains(Capability.JACOBIAN)) {
            return all;
        }
        java.util.EnumSet<Capability> without = java.util.EnumSet.copyOf(all);
        without.remove(Capability.JACOBIAN);
        return Set.copyOf(without);
    }

    /** How {@link #hessianVector} computes its product. */
    public enum HessianVectorMode {
        /** Pearlmutter's R-operator: exact, about the cost of two gradients. */
        EXACT,
        /** Central differences of two gradients along v (eq 59): needs no f'', has O(h^2) error. */
        FINITE_DIFFERENCE
    }

    /** Largest number of examples held in the workspace at once. */
    public static final int MAX_CHUNK = 1024;

    private final Network network;
    private final OutputLayerLoss loss;
    private final String lossName;
    private final ExampleGatherer source;
    private final int chunkLimit;
    private ComputeService compute;
    private Workspace workspace;

    private int[] order;
    private int from;
    private int count;
    private boolean fullBatch;
    private boolean resident;

    private boolean recordExampleLosses;
    private boolean exampleLossesValid;
    private double[] exampleLosses = new double[0];
    private int lastCorrect;
    private long evaluations;
    private HessianVectorMode hessianVectorMode = HessianVectorMode.EXACT;
    /** The finite-difference Hessian-vector product, made at its first use. */
    private CentralDifferenceHessian centralDifference;

    public BatchObjective(Network network, OutputLayerLoss loss, String lossName, ComputeService compute, ExampleGatherer source) {
        this(network, loss, lossName, compute, source, MAX_CHUNK);
    }

    /** With another chunk limit (evaluation uses smaller chunks; tests use tiny ones). */
    public BatchObjective(Network network, OutputLayerLoss loss, String lossName, ComputeService compute, ExampleGatherer source,
                   int chunkLimit) {
        if (source.data().features() != network.inputWidth()) {
            throw new IllegalArgumentException("the network " + network.spec() + " expects " + network.inputWidth()
                    + " inputs but '" + source.data().name() + "' has " + source.data().features() + " features");
        }
        this.network = network;
        this.loss = loss;
        this.lossName = lossName;
        this.compute = compute;
        this.source = source;
        this.chunkLimit = Math.max(1, chunkLimit);
    }

    public Network network() {
        return network;
    }

    /** The output layer's loss this objective evaluates. */
    public OutputLayerLoss outputLoss() {
        return loss;
    }

    public ExampleGatherer source() {
        return source;
    }

    public void setCompute(ComputeService compute) {
        this.compute = compute;
    }

    /**
     * Makes examples {@code order[from .. from + count)} (or {@code from .. from + count} when
     * order is null) the current batch, gathering them now when they fit in one chunk.
     */
    public void setBatch(int[] order, int from, int count, boolean fullBatch) {
        if (count <= 0) {
            throw new IllegalArgumentException("a batch needs at least one example");
        }
        int needed = Math.min(count, chunkLimit);
        if (workspace == null || workspace.capacity() < needed) {
            workspace = network.newWorkspace(needed);
        }
        this.order = order;
        this.from = from;
        this.count = count;
        this.fullBatch = fullBatch;
        this.resident = count <= workspace.capacity();
        this.exampleLossesValid = false;
        if (resident) {
            source.gather(order, from, count, workspace);
        }
    }

    /** When on, the first evaluation of each batch keeps its per-example losses (for samplers). */
    public void recordExampleLosses(boolean on) {
        this.recordExampleLosses = on;
    }

    /** True when the per-example losses of the current batch were recorded. */
    public boolean exampleLossesRecorded() {
        return exampleLossesValid;
    }

    /** Per-example losses of the first evaluation of the current batch, in batch order. */
    public double[] exampleLosses() {
        return exampleLosses;
    }

    /** Correctly classified examples in the last evaluation (classification sets). */
    public int lastCorrect() {
        return lastCorrect;
    }

    /** Loss or gradient evaluations so far. */
    public long evaluations() {
        return evaluations;
    }

    /** The workspace holding the forward state of the last evaluation (one-chunk batches). */
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public int dimension() {
        return network.size();
    }

    @Override
    public ParameterLayout layout() {
        return network.layout();
    }

    @Override
    public int batchSize() {
        return count;
    }

    @Override
    public boolean fullBatch() {
        return fullBatch;
    }

    @Override
    public String lossName() {
        return lossName;
    }

    @Override
    public boolean squaredError() {
        return loss.loss().squaredError();
    }

    @Override
    public double value(double[] w) {
        return evaluate(w, null);
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradient) {
        if (gradient.length != network.size()) {
            throw new IllegalArgumentException("gradient vector has " + gradient.length + " entries, the network has "
                    + network.size());
        }
        return evaluate(w, gradient);
    }

    @Override
    public Set<Capability> capabilities() {
        if (network.hasRbf()) {
            return RBF_CAPABILITIES;
        }
        return squaredError() ? CAPABILITIES : WITHOUT_JACOBIAN;
    }

    /** Chooses how Hessian-vector products are computed (exact by default). */
    public void setHessianVectorMode(HessianVectorMode mode) {
        this.hessianVectorMode = java.util.Objects.requireNonNull(mode, "mode");
    }

    public HessianVectorMode hessianVectorMode() {
        return hessianVectorMode;
    }

    /** One pass of the second-order kind over one chunk of the batch. */
    private interface ChunkPass {
        void run(Workspace ws, int start, int rows, boolean accumulate);
    }

    private void overChunks(double[] w, ChunkPass pass) {
        if (count == 0) {
            throw new IllegalStateException("no batch has been set");
        }
        if (w.length != network.size()) {
            throw new IllegalArgumentException("parameter vector has " + w.length + " entries, the network has "
                    + network.size());
        }
        Workspace ws = workspace;
        int capacity = ws.capacity();
        for (int start = 0; start < count; start += capacity) {
            int rows = Math.min(capacity, count - start);
            if (!resident) {
                source.gather(order, from + start, rows, ws);
            }
            pass.run(ws, start, rows, start > 0);
        }
        evaluations++;
    }

    private void checkVector(String what, double[] v) {
        if (v.length != network.size()) {
            throw new IllegalArgumentException(what + " has " + v.length + " entries, the network has " + network.size());
        }
    }

    /**
     * {@code out = H v} of the mean batch loss: exact by the R-operator, or, in
     * {@link HessianVectorMode#FINITE_DIFFERENCE} mode, {@code (g(w + h v) - g(w - h v)) / 2h}
     * (the central form of eq 59) with {@code h = 1e-5 (1 + |w|_inf) / |v|}.
     */
    @Override
    public void hessianVector(double[] w, double[] v, double[] out) {
        checkVector("the direction", v);
        checkVector("the output vector", out);
        if (hessianVectorMode == HessianVectorMode.FINITE_DIFFERENCE || network.hasRbf()) {
            if (centralDifference == null) {
                centralDifference = new CentralDifferenceHessian(network.size(), this::evaluate);
            }
            centralDifference.apply(w, v, out);
            return;
        }
        double scale = 1.0 / count;
        overChunks(w, (ws, start, rows, accumulate) ->
                network.hessianVector(compute, w, v, ws, rows, loss, scale, accumulate, out));
    }

    /** {@code out = G v} with G the Gauss-Newton matrix of the mean batch loss (eq 51). */
    @Override
    public void gaussNewtonVector(double[] w, double[] v, double[] out) {
        checkVector("the direction", v);
        checkVector("the output vector", out);
        double scale = 1.0 / count;
        overChunks(w, (ws, start, rows, accumulate) ->
                network.gaussNewtonVector(compute, w, v, ws, rows, loss, scale, accumulate, out));
    }

    /** The diagonal Gauss-Newton term of the mean batch loss (eqs 54-56). */
    @Override
    public void diagonalGaussNewton(double[] w, double[] out) {
        checkVector("the output vector", out);
        double scale = 1.0 / count;
        overChunks(w, (ws, start, rows, accumulate) ->
                network.diagonalGaussNewton(compute, w, ws, rows, loss, scale, accumulate, out));
    }

    private void requireSquaredError(String what) {
        if (!squaredError()) {
            throw new UnsupportedOperationException(what + " exist only for squared-error losses; this network uses '"
                    + lossName + "' (create it with loss=mse)");
        }
    }

    @Override
    public int residualCount() {
        requireSquaredError("residuals");
        long n = (long) count * network.outputWidth();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(n + " residuals do not fit one array; use a smaller batch");
        }
        return (int) n;
    }

    /** Residuals {@code (o - t) / sqrt(B)}, so that the mean half squared error is {@code |r|^2 / 2}. */
    @Override
    public void residuals(double[] w, double[] r) {
        int n = residualCount();
        if (r.length < n) {
            throw new IllegalArgumentException("the residual vector has " + r.length + " entries; it needs " + n);
        }
        double scale = 1.0 / Math.sqrt(count);
        int outputs = network.outputWidth();
        overChunks(w, (ws, start, rows, accumulate) ->
                network.residuals(compute, w, ws, rows, scale, r, start * outputs));
    }

    /** The Jacobian of {@link #residuals}, residualCount x dimension, row-major. */
    @Override
    public void jacobian(double[] w, double[] j) {
        long n = (long) residualCount() * network.size();
        if (j.length < n) {
            throw new IllegalArgumentException("the Jacobian array has " + j.length + " entries; it needs " + n
                    + " (" + residualCount() + " residuals x " + network.size() + " parameters)");
        }
        double scale = 1.0 / Math.sqrt(count);
        int outputs = network.outputWidth();
        overChunks(w, (ws, start, rows, accumulate) ->
                network.jacobian(compute, w, ws, rows, scale, j, (long) start * outputs));
    }

    /** Mean loss of the batch at w; with a gradient vector also its gradient. */
    private double evaluate(double[] w, double[] gradient) {
        if (count == 0) {
            throw new IllegalStateException("no batch has been set");
        }
        if (w.length != network.size()) {
            throw new IllegalArgumentException("parameter vector has " + w.length + " entries, the network has "
                    + network.size());
        }
        boolean record = recordExampleLosses && !exampleLossesValid;
        if (record && exampleLosses.length < count) {
            exampleLosses = new double[count];
        }
        Workspace ws = workspace;
        int capacity = ws.capacity();
        double sum = 0;
        int correct = 0;
        boolean classification = source.classification();
        for (int start = 0; start < count; start += capacity) {
            int rows = Math.min(capacity, count - start);
            if (!resident) {
                source.gather(order, from + start, rows, ws);
            }
            network.forward(compute, w, ws, rows);
            sum += network.loss(loss, ws, rows, gradient != null);
            if (record) {
                System.arraycopy(ws.exampleLosses(), 0, exampleLosses, start, rows);
            }
            if (classification) {
                correct += network.countCorrect(ws, rows);
            }
            if (gradient != null) {
                network.backward(compute, w, ws, rows, 1.0 / count, start > 0, gradient);
            }
        }
        if (record) {
            exampleLossesValid = true;
        }
        lastCorrect = correct;
        evaluations++;
        return sum / count;
    }
}

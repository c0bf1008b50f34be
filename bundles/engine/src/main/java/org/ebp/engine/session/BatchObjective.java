package org.ebp.engine.session;

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

    /** What this objective computes besides loss and gradient (none yet: second-order passes come later). */
    static final Set<Capability> CAPABILITIES = Set.of();

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

    BatchObjective(Network network, OutputLayerLoss loss, String lossName, ComputeService compute, ExampleGatherer source) {
        this(network, loss, lossName, compute, source, MAX_CHUNK);
    }

    /** With another chunk limit (evaluation uses smaller chunks; tests use tiny ones). */
    BatchObjective(Network network, OutputLayerLoss loss, String lossName, ComputeService compute, ExampleGatherer source,
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

    Network network() {
        return network;
    }

    ExampleGatherer source() {
        return source;
    }

    void setCompute(ComputeService compute) {
        this.compute = compute;
    }

    /**
     * Makes examples {@code order[from .. from + count)} (or {@code from .. from + count} when
     * order is null) the current batch, gathering them now when they fit in one chunk.
     */
    void setBatch(int[] order, int from, int count, boolean fullBatch) {
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
    void recordExampleLosses(boolean on) {
        this.recordExampleLosses = on;
    }

    /** True when the per-example losses of the current batch were recorded. */
    boolean exampleLossesRecorded() {
        return exampleLossesValid;
    }

    /** Per-example losses of the first evaluation of the current batch, in batch order. */
    double[] exampleLosses() {
        return exampleLosses;
    }

    /** Correctly classified examples in the last evaluation (classification sets). */
    int lastCorrect() {
        return lastCorrect;
    }

    /** Loss or gradient evaluations so far. */
    long evaluations() {
        return evaluations;
    }

    /** The workspace holding the forward state of the last evaluation (one-chunk batches). */
    Workspace workspace() {
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
        return CAPABILITIES;
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

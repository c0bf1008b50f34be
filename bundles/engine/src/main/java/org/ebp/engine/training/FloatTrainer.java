package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;
import org.ebp.api.optim.ElementwiseUpdate;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.FloatWorkspace;
import org.ebp.engine.network.Network;
import org.ebp.engine.network.OutputLayerLoss;

/**
 * One float32 training step of a dense network on batches of one training set: gather the
 * examples (float rows, no conversion), forward, loss, backward, and the optimizer's elementwise
 * rule. A batch of one is updated during backpropagation ({@link FloatPasses#backwardAndUpdate});
 * larger batches fill a float gradient, chunk by chunk, then apply the rule in one pass. Every
 * buffer is made once for the largest batch, so a step allocates nothing.
 */
final class FloatTrainer {

    /** Examples per forward pass; larger batches accumulate their gradient chunk by chunk. */
    static final int MAX_CHUNK = 1024;

    private final FloatPasses passes;
    private final OutputLayerLoss loss;
    private final ExampleGatherer source;
    private final FloatWeights weights;
    private FloatWeights gradient;
    private FloatWorkspace workspace;
    private double[] exampleLosses = new double[0];

    FloatTrainer(Network network, OutputLayerLoss loss, ExampleGatherer source) {
        this.passes = new FloatPasses(network);
        this.loss = loss;
        this.source = source;
        this.weights = passes.newWeights();
    }

    Network network() {
        return passes.network();
    }

    ExampleGatherer source() {
        return source;
    }

    /** The float32 working copy of the weights. */
    FloatWeights weights() {
        return weights;
    }

    /** Makes the buffers for batches of up to {@code batch} examples (once; smaller batches reuse them). */
    void reserve(int batch) {
        int capacity = Math.min(batch, MAX_CHUNK);
        if (workspace == null || workspace.capacity() < capacity) {
            workspace = passes.newWorkspace(capacity);
        }
        if (batch > 1 && gradient == null) {
            gradient = passes.newWeights();
        }
        if (exampleLosses.length < batch) {
            exampleLosses = new double[batch];
        }
    }

    /**
     * One step on examples {@code order[from .. from + count)}: the mean loss at the weights before
     * the step, then the update through {@code rule}. A non-finite loss leaves the weights as they were.
     */
    double step(ComputeService compute, int[] order, int from, int count, ElementwiseUpdate.Rule rule) {
        reserve(count);
        FloatWorkspace ws = workspace;
        if (count == 1) {
            source.gather(order, from, 1, ws);
            passes.forward(compute, weights, ws, 1);
            double e = passes.loss(loss, ws, 1, true);
            exampleLosses[0] = ws.exampleLosses()[0];
            if (Double.isFinite(e)) {
                passes.backwardAndUpdate(weights, ws, rule);
            }
            return e;
        }
        double sum = 0;
        float scale = 1f / count;
        for (int start = 0; start < count; start += ws.capacity()) {
            int rows = Math.min(ws.capacity(), count - start);
            source.gather(order, from + start, rows, ws);
            passes.forward(compute, weights, ws, rows);
            sum += passes.loss(loss, ws, rows, true);
            System.arraycopy(ws.exampleLosses(), 0, exampleLosses, start, rows);
            passes.backward(compute, weights, ws, rows, scale, start > 0, gradient);
        }
        double mean = sum / count;
        if (Double.isFinite(mean)) {
            FloatPasses.update(weights, gradient, rule);
        }
        return mean;
    }

    /** Per-example losses of the last step's batch, in its order. */
    double[] exampleLosses() {
        return exampleLosses;
    }
}

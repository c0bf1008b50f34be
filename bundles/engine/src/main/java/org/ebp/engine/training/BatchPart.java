package org.ebp.engine.training;

import org.ebp.api.compute.ComputeService;
import org.ebp.engine.network.FloatPasses;
import org.ebp.engine.network.FloatWeights;
import org.ebp.engine.network.FloatWorkspace;
import org.ebp.engine.network.OutputLayerLoss;

/**
 * The buffers of one share of a mini-batch step, a workspace of up to {@link #capacity()} rows and
 * a float gradient, and the passes over that share in chunks of the workspace's rows. Made once
 * per trainer (and batch size), so a step allocates nothing.
 */
final class BatchPart {

    private final FloatWorkspace workspace;
    private final FloatWeights gradient;

    BatchPart(FloatPasses passes, int capacity) {
        this.workspace = passes.newWorkspace(capacity);
        this.gradient = passes.newWeights();
    }

    int capacity() {
        return workspace.capacity();
    }

    FloatWorkspace workspace() {
        return workspace;
    }

    FloatWeights gradient() {
        return gradient;
    }

    /**
     * Forward, loss and backward of the examples {@code order[from .. from + rows)}: writes
     * {@code scale} times their summed gradient into {@link #gradient()} and their losses into
     * {@code losses[at ..]}; returns the sum of their losses.
     */
    double accumulate(FloatPasses passes, OutputLayerLoss loss, ExampleGatherer source, ComputeService compute,
            FloatWeights weights, int[] order, int from, int rows, float scale, double[] losses, int at) {
        FloatWorkspace ws = workspace;
        double sum = 0;
        for (int start = 0; start < rows; start += ws.capacity()) {
            int chunk = Math.min(ws.capacity(), rows - start);
            source.gather(order, from + start, chunk, ws);
            passes.forward(compute, weights, ws, chunk);
            sum += passes.loss(loss, ws, chunk, true);
            System.arraycopy(ws.exampleLosses(), 0, losses, at + start, chunk);
            passes.backward(compute, weights, ws, chunk, scale, start > 0, gradient);
        }
        return sum;
    }
}

package org.ebp.engine.session;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.EvaluationDetail;
import org.ebp.engine.network.Network;
import org.ebp.io.SafeFiles;

/**
 * {@code predict}: the session's network applied to new data through the session's fitted
 * transforms (fitted on the training split, applied unchanged, as to the test split), the
 * outputs written as CSV, and when the data has answers, its loss and accuracy or R^2.
 */
final class Predictions {

    /**
     * What a prediction computed, before it is written.
     *
     * @param outputs the network's outputs, {@code width} per row
     * @param scored  the evaluation on the data's answers, or null without answers
     */
    record Computed(Dataset input, Dataset transformed, double[] outputs, int width, EvaluationDetail scored,
                    List<String> classNames, boolean probabilities) {
    }

    private Predictions() {
    }

    /**
     * The session's {@code predict}: reads the data outside the lock, computes under it (between
     * two training steps, as {@code evaluate}), writes outside it. Changes nothing in the session.
     */
    static org.ebp.api.keep.Prediction predict(SessionState state, String source, java.util.Map<String, String> settings,
                                               Path out) throws IOException {
        SafeFiles.checkWritable(out);
        PredictionInput.Expected expected;
        state.lock.lock();
        try {
            state.requireNetwork("predict with");
            expected = PredictionInput.Expected.of(state.requireData());
        } finally {
            state.lock.unlock();
        }
        return MemoryGuard.run("predict", "a smaller file", () -> {
            Dataset input = PredictionInput.read(state.catalog, source, settings, expected, out);
            Computed computed;
            int transforms;
            state.lock.lock();
            try {
                state.requireNetwork("predict with");
                if (!PredictionInput.Expected.of(state.requireData()).equals(expected)) {
                    throw new IllegalStateException("the data changed while the file was read; predict again");
                }
                state.loop.publishWeights();
                computed = compute(state.data, state.model, state.choices.resolveCompute(), input);
                transforms = state.data.transforms().size();
            } finally {
                state.lock.unlock();
            }
            Path written = write(out, computed);
            return new org.ebp.api.keep.Prediction(written, lines(computed, written, transforms), computed.scored());
        });
    }

    /**
     * Transforms {@code input} with the session's chain, runs the network and scores the answers.
     * The session's lock is held; nothing of the session changes.
     */
    static Computed compute(SessionData data, SessionModel model, ComputeService compute, Dataset input) {
        Dataset d = input;
        for (SessionData.AppliedTransform t : data.transforms()) {
            d = t.transform().apply(t.fitted(), d, compute);
        }
        Network network = model.network;
        if (d.features() != network.inputWidth()) {
            throw new IllegalStateException("the transforms give " + d.features() + " features but the network " + network.spec()
                    + " takes " + network.inputWidth() + "; create a network for the current transforms first");
        }
        double[] outputs = NetworkOutputs.of(network, model.weights, compute, d);
        int k = network.outputWidth();
        EvaluationDetail scored = null;
        if (!d.isUnlabeled()) {
            Evaluation e = evaluate(model, compute, d.renamed(input.name()));
            scored = NetworkOutputs.detail(e, d, outputs, k);
        }
        boolean probabilities = "softmax".equals(model.setup.output());
        return new Computed(input, d, outputs, k, scored, data.base().classNames(), probabilities);
    }

    /** Loss and accuracy on data with answers, computed as {@code evaluate} computes them on a split. */
    private static Evaluation evaluate(SessionModel model, ComputeService compute, Dataset d) {
        org.ebp.engine.training.BatchObjective objective = new org.ebp.engine.training.BatchObjective(model.network,
                model.outputLoss, model.setup.loss(), compute, new org.ebp.engine.training.ExampleGatherer(d, model.coding,
                model.setup.levels(), model.network.outputWidth()), SessionModel.EVALUATION_CHUNK);
        objective.recordExampleLosses(false);
        objective.setBatch(null, 0, d.size(), true);
        double loss = objective.value(model.weights);
        double accuracy = d.hasLabels() ? objective.lastCorrect() / (double) d.size() : Double.NaN;
        return new Evaluation(d.name(), d.size(), loss, accuracy);
    }

    /** The CSV header: the predicted class and a score per class, or the predicted targets; then the answers. */
    static List<String> header(Computed c) {
        List<String> names = new ArrayList<>();
        if (!c.classNames().isEmpty()) {
            names.add("predicted");
            String prefix = c.probabilities() ? "p_" : "output_";
            for (String cls : c.classNames()) {
                names.add(prefix + cls);
            }
            if (c.input().hasLabels()) {
                names.add("label");
            }
        } else {
            for (int j = 0; j < c.width(); j++) {
                names.add(c.width() == 1 ? "predicted" : "predicted_" + (j + 1));
            }
            for (int j = 0; j < c.input().targetCount(); j++) {
                names.add(c.width() == 1 ? "target" : "target_" + (j + 1));
            }
        }
        return names;
    }

    /** Writes the rows atomically; the numbers are exact (shortest round-trip decimal of each double). */
    static Path write(Path out, Computed c) throws IOException {
        return SafeFiles.write(out, stream -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            List<String> header = header(c);
            for (int j = 0; j < header.size(); j++) {
                w.write(j == 0 ? "" : ",");
                w.write(csvField(header.get(j)));
            }
            w.write('\n');
            int k = c.width();
            boolean classes = !c.classNames().isEmpty();
            for (int i = 0; i < c.input().size(); i++) {
                if (classes) {
                    w.write(csvField(c.classNames().get(NetworkOutputs.predictedClass(c.outputs(), i, k))));
                }
                for (int j = 0; j < k; j++) {
                    if (classes || j > 0) {
                        w.write(',');
                    }
                    w.write(Double.toString(c.outputs()[i * k + j]));
                }
                if (c.input().hasLabels()) {
                    w.write(',');
                    w.write(csvField(c.classNames().get(c.input().label(i))));
                }
                for (int j = 0; j < c.input().targetCount(); j++) {
                    w.write(',');
                    w.write(Float.toString(c.input().target(i, j)));
                }
                w.write('\n');
            }
            w.flush();
        });
    }

    /** What was read and written, for the user. */
    static List<String> lines(Computed c, Path written, int transforms) {
        List<String> lines = new ArrayList<>();
        Dataset in = c.input();
        lines.add("predicted " + in.size() + " example" + (in.size() == 1 ? "" : "s") + " of '" + in.name() + "' (" + in.features()
                + " feature" + (in.features() == 1 ? "" : "s") + (transforms == 0 ? "" : ", through the session's " + transforms + " fitted transform"
                + (transforms == 1 ? "" : "s")) + (in.isUnlabeled() ? ", no answers in the data" : in.hasLabels()
                ? ", with labels" : ", with targets") + ")");
        List<String> header = header(c);
        lines.add("wrote " + written + ": " + in.size() + " rows, columns " + String.join(",", header.size() > 8
                ? List.of(header.get(0), header.get(1), "...", header.get(header.size() - 1)) : header)
                + (c.classNames().isEmpty() ? " (in the targets' own units)" : c.probabilities() ? " (softmax probabilities)"
                : " (output values; predicted is the largest)"));
        return lines;
    }

    /** A CSV field, quoted when it holds a delimiter, a quote or a line break. */
    static String csvField(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}

package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.activations.Linear;
import org.ebp.activations.Tanh;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.session.EvaluationDetail;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.compute.jblas.PureJavaCompute;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.ebp.initializers.FanInInitializer;
import org.ebp.optim.first.ConstantSchedule;
import org.ebp.optim.second.GaussNewtonOptimizer;
import org.ebp.optim.second.LevenbergMarquardtOptimizer;
import org.ebp.samplers.ShuffleSampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Regression data with the paper's least-squares methods: sin(x) on [-3, 3] with a 1-10-1 tanh network. */
class RegressionFitTest {

    /** 61 points x = -3, -2.9, ..., 3 with target sin(x), as examples/data/sin.csv. */
    static final class SinDataset implements DatasetSource {
        @Override
        public String name() {
            return "sin";
        }

        @Override
        public String description() {
            return "sin(x) on [-3, 3]";
        }

        @Override
        public Dataset load(Settings settings) {
            float[] x = new float[61];
            float[] y = new float[61];
            for (int i = 0; i < 61; i++) {
                x[i] = (float) (-3 + i * 0.1);
                y[i] = (float) Math.sin(x[i]);
            }
            return Dataset.regression("sin", x, 61, 1, y, 1, List.of("x"));
        }
    }

    private final List<Session> sessions = new ArrayList<>();

    @AfterEach
    void close() {
        sessions.forEach(Session::close);
    }

    private Session sinSession(String optimizer) throws Exception {
        TestCatalog c = new TestCatalog();
        PureJavaCompute compute = new PureJavaCompute();
        c.add(ComponentKind.COMPUTE, compute);
        c.add(ComponentKind.DATASET, new SinDataset());
        c.add(ComponentKind.DATASET, new org.ebp.data.CsvDatasetSource());
        c.add(ComponentKind.ACTIVATION, new Tanh());
        c.add(ComponentKind.ACTIVATION, new Linear());
        c.add(ComponentKind.LOSS, new MeanSquaredErrorLoss());
        c.add(ComponentKind.LOSS, new org.ebp.engine.loss.CrossEntropyLoss());
        c.add(ComponentKind.ACTIVATION, new org.ebp.activations.Softmax());
        c.add(ComponentKind.INITIALIZER, new FanInInitializer());
        c.add(ComponentKind.OPTIMIZER, withCompute(new LevenbergMarquardtOptimizer(), compute));
        c.add(ComponentKind.OPTIMIZER, withCompute(new GaussNewtonOptimizer(), compute));
        c.add(ComponentKind.SCHEDULE, new ConstantSchedule());
        c.add(ComponentKind.SAMPLER, new ShuffleSampler());
        Session s = new Session(c.index(), new TestComponents.SimpleSplitter());
        sessions.add(s);
        s.loadData("sin", Map.of());
        s.createNetwork("1-10-1", Map.of("activation", "tanh", "output", "linear", "seed", "1"));
        s.use(ComponentKind.OPTIMIZER, optimizer, Map.of());
        return s;
    }

    /** What Declarative Services does for the optimizers' compute reference. */
    private static <T> T withCompute(T optimizer, PureJavaCompute compute) throws ReflectiveOperationException {
        java.lang.reflect.Field f = optimizer.getClass().getSuperclass().getSuperclass().getDeclaredField("compute");
        f.setAccessible(true);
        f.set(optimizer, compute);
        return optimizer;
    }

    /** Sum over the examples of (y - yhat)^2, from the network's outputs. */
    private static double sumOfSquares(Session s) {
        EvaluationDetail d = s.evaluateDetail("all");
        // R^2 = 1 - SSE / SST, so SSE = (1 - R^2) SST; SST of sin on the 61 points, computed here
        double mean = 0;
        double[] y = new double[61];
        for (int i = 0; i < 61; i++) {
            y[i] = (float) Math.sin((float) (-3 + i * 0.1));
            mean += y[i] / 61;
        }
        double total = 0;
        for (double v : y) {
            total += (v - mean) * (v - mean);
        }
        return (1 - d.rSquared()[0]) * total;
    }

    @Test
    void levenbergMarquardtFitsSinBelowOneMillionthSumOfSquares() throws Exception {
        Session s = sinSession("levenberg-marquardt");
        RunRecordsTest.Listener listener = new RunRecordsTest.Listener();
        s.train(1000, Map.of("eval", "none"), listener);
        double sse = sumOfSquares(s);
        assertTrue(sse < 1e-6, "sum of squares " + sse + " after " + listener.reports.size() + " steps; " + listener.messages);
        EvaluationDetail d = s.evaluateDetail("all");
        assertTrue(Double.isNaN(d.evaluation().accuracy()), "no accuracy for real targets");
        assertTrue(d.meanRSquared() > 0.999999, "R^2 " + d.meanRSquared());
        assertEquals(List.of(), d.classNames());
    }

    @Test
    void gaussNewtonFitsItToo() throws Exception {
        Session s = sinSession("gauss-newton");
        s.train(300, Map.of("eval", "none"), null);
        double sse = sumOfSquares(s);
        assertTrue(sse < 1e-3, "sum of squares " + sse);
    }

    @Test
    void aSoftmaxNetworkForRealTargetsIsRefused() throws Exception {
        Session s = sinSession("levenberg-marquardt");
        String before = s.status().network();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("1-10-1", Map.of("activation", "tanh", "output", "softmax")));
        assertEquals("'sin' has real targets, but loss 'cross-entropy' (output softmax) is for class probabilities; for "
                + "regression use output=linear (loss mse), e.g. net 1-10-1 output=linear", e.getMessage());
        assertEquals(before, s.status().network(), "the network is kept");
    }

    /** predict on regression data: the values in the targets' units, scored as evaluate scores the same points. */
    @Test
    void predictWritesTheFittedValuesAndScoresThemAsEvaluate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Session s = sinSession("levenberg-marquardt");
        s.train(100, Map.of("eval", "none"), null);
        EvaluationDetail all = s.evaluateDetail("all");
        StringBuilder withTargets = new StringBuilder("x,y\n");
        StringBuilder inputs = new StringBuilder("x\n");
        for (int i = 0; i < 61; i++) {
            float x = (float) (-3 + i * 0.1);
            withTargets.append(x).append(',').append((float) Math.sin(x)).append('\n');
            inputs.append(x).append('\n');
        }
        java.nio.file.Path a = java.nio.file.Files.writeString(dir.resolve("xy.csv"), withTargets);
        java.nio.file.Path b = java.nio.file.Files.writeString(dir.resolve("x.csv"), inputs);
        org.ebp.api.keep.Prediction scored = s.predict("csv", Map.of("path", a.toString()), dir.resolve("a.csv"));
        assertEquals(all.evaluation().loss(), scored.scored().evaluation().loss(), "the loss of evaluate all");
        assertEquals(all.rSquared()[0], scored.scored().rSquared()[0], "and its R^2");
        org.ebp.api.keep.Prediction plain = s.predict("csv", Map.of("path", b.toString()), dir.resolve("b.csv"));
        assertEquals(null, plain.scored());
        List<String> rows = java.nio.file.Files.readAllLines(dir.resolve("b.csv"));
        assertEquals("predicted", rows.get(0));
        assertEquals(62, rows.size());
        for (int i = 0; i < 61; i++) {
            double x = (float) (-3 + i * 0.1);
            double predicted = Double.parseDouble(rows.get(i + 1));
            // 100 LM steps bring the sum of squares near 1e-4 (the test above: below 1e-6 in 1000), so every
            // point is within 0.05 of sin(x): the outputs are sin's own units, not standardized ones
            assertTrue(Math.abs(predicted - Math.sin(x)) < 0.05, "x=" + x + ": " + predicted);
        }
        List<String> scoredRows = java.nio.file.Files.readAllLines(dir.resolve("a.csv"));
        assertEquals("predicted,target", scoredRows.get(0));
        assertEquals(rows.get(5), scoredRows.get(5).split(",")[0]);
    }
}

package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.optim.Capability;
import org.ebp.api.optim.Requirements;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.UnknownComponentException;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session end to end with test doubles for every component. */
class SessionTest {

    private final List<Session> sessions = new ArrayList<>();

    private Session session(TestCatalog catalog) {
        Session s = new Session(catalog.index(), new TestComponents.SimpleSplitter());
        sessions.add(s);
        return s;
    }

    private Session session() {
        return session(TestCatalog.standard());
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(Session::close);
    }

    /** Messages and reports a listener received. */
    static final class Recorder implements TrainingListener {
        final List<EpochReport> reports = new CopyOnWriteArrayList<>();
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void epochFinished(EpochReport report) {
            reports.add(report);
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }
    }

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    /** Blobs loaded, split 70/30, centred, with a 4-8-3 network. */
    private Session prepared(String... networkSettings) throws DataFormatException {
        Session s = session();
        s.loadData("blobs", Map.of());
        s.split(map("train=0.7", "test=0.3"));
        s.fitTransform("center", Map.of());
        s.createNetwork("in-8-out", map(networkSettings));
        return s;
    }

    // ------------------------------------------------------------------ training

    @Test
    void separableThreeClassProblemTrainsAboveNinetyFivePercent() throws DataFormatException {
        Session s = prepared();
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.02"));
        Recorder recorder = new Recorder();
        List<EpochReport> reports = s.train(15, Map.of(), recorder);
        assertEquals(15, reports.size());
        assertEquals(reports, recorder.reports);
        EpochReport last = reports.get(14);
        assertEquals("test", last.evalSplit());
        assertTrue(last.evalAccuracy() > 0.95, "accuracy " + last.evalAccuracy());
        assertTrue(last.trainLoss() < reports.get(0).trainLoss(), "training loss did not fall");
        assertEquals(15 * 210, last.step());
        assertEquals(0.02, last.learningRate());
        Evaluation test = s.evaluate("test");
        assertEquals(90, test.examples());
        assertEquals(last.evalAccuracy(), test.accuracy());
        assertEquals(last.evalLoss(), test.loss());
    }

    @Test
    void softmaxWithCrossEntropyTrainsInMiniBatches() throws DataFormatException {
        Session s = prepared("output=softmax");
        assertEquals("4-8-3 scaled-tanh/softmax one-hot cross-entropy fan-in", s.status().network());
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.2"));
        List<EpochReport> reports = s.train(30, map("batch=10"), null);
        EpochReport last = reports.get(reports.size() - 1);
        assertEquals(30 * 21, last.step());
        assertTrue(last.evalAccuracy() > 0.95, "accuracy " + last.evalAccuracy());
    }

    @Test
    void trainingRunsOnTheSessionThread() throws DataFormatException {
        TestCatalog catalog = TestCatalog.standard();
        TestComponents.GradientDescent recording = new TestComponents.GradientDescent("recording");
        catalog.add(ComponentKind.OPTIMIZER, recording);
        Session s = new Session(catalog.index(), new TestComponents.SimpleSplitter(), 41);
        sessions.add(s);
        s.loadData("blobs", Map.of());
        s.createNetwork("in-3-out", Map.of());
        s.use(ComponentKind.OPTIMIZER, "recording", Map.of());
        s.train(1, Map.of(), null);
        assertEquals("ebp-session-41", recording.lastThread);
        assertEquals("ebp-session-41", s.threadName());
    }

    @Test
    void sameSeedsGiveBitIdenticalWeights() throws DataFormatException {
        Session a = prepared("seed=5");
        Session b = prepared("seed=5");
        assertArrayEquals(a.weights(), b.weights());
        a.train(3, map("seed=9", "batch=4"), null);
        b.train(3, map("seed=9", "batch=4"), null);
        assertArrayEquals(a.weights(), b.weights());
        Session c = prepared("seed=5");
        c.train(3, map("seed=10", "batch=4"), null);
        assertFalse(Arrays.equals(a.weights(), c.weights()), "another shuffle seed should change the weights");
        Session d = prepared("seed=6");
        assertFalse(Arrays.equals(a.weights(), d.weights()), "another init seed should change the weights");
    }

    @Test
    void trainingInPartsEqualsTrainingAtOnce() throws DataFormatException {
        Session once = prepared();
        once.use(ComponentKind.OPTIMIZER, "momentum", map("lr=0.01"));
        once.train(5, map("batch=3"), null);
        Session parts = prepared();
        parts.use(ComponentKind.OPTIMIZER, "momentum", map("lr=0.01"));
        parts.train(2, map("batch=3"), null);
        parts.train(3, map("batch=3"), null);
        assertArrayEquals(once.weights(), parts.weights());
        assertEquals(5, parts.status().epoch());
        assertEquals(once.status().step(), parts.status().step());
    }

    @Test
    void fullBatchEvaluationInChunksEqualsOnePass() throws DataFormatException {
        Session s = prepared();
        // 300 examples: evaluation runs chunks of 256 and 44
        Evaluation all = s.evaluate("all");
        assertEquals(300, all.examples());
        Evaluation train = s.evaluate("train");
        Evaluation test = s.evaluate("test");
        // rounding only: the mean of the parts weighted by size is the mean of the whole
        assertEquals(all.loss(), (train.loss() * 210 + test.loss() * 90) / 300, 1e-12);
        assertEquals(all.accuracy(), (train.accuracy() * 210 + test.accuracy() * 90) / 300, 1e-12);
    }

    @Test
    void nonFiniteLossStopsCleanlyAndRestoresTheEpochStartWeights() throws DataFormatException {
        Session s = prepared("output=linear");
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.01"));
        s.train(1, Map.of(), null);
        double[] before = s.weights();
        SessionStatus statusBefore = s.status();
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=100000"));
        Recorder recorder = new Recorder();
        // the train call fails (a script stops with a non-zero exit) after restoring the weights
        String message = assertThrows(org.ebp.engine.training.TrainingFailedException.class,
                () -> s.train(5, Map.of("diverge", "0"), recorder)).getMessage();
        assertTrue(recorder.reports.isEmpty(), "no epoch should finish: " + recorder.reports);
        assertArrayEquals(before, s.weights());
        SessionStatus after = s.status();
        assertEquals(statusBefore.epoch(), after.epoch());
        assertEquals(statusBefore.step(), after.step());
        assertEquals("idle", after.state());
        assertTrue(message.matches("training diverged: the (loss became (NaN|infinite) at step \\d+ \\(epoch 2\\)|weights "
                + "became non-finite in epoch 2); weights and optimizer, schedule and sampler states restored to the start of "
                + "epoch 2 \\(step \\d+\\); try a smaller rate than 100000.0, near 1/lambda_max \\(measure lambda_max with "
                + "hessian eig\\)"), message);
        // the session still works afterwards
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.01"));
        assertEquals(1, s.train(1, Map.of(), null).size());
    }

    @Test
    void samplersThatObserveErrorsSeeEveryPresentedExample() throws DataFormatException {
        TestCatalog catalog = TestCatalog.standard();
        TestComponents.Shuffle observing = new TestComponents.Shuffle(true);
        catalog.add(ComponentKind.SAMPLER, observing);
        Session s = session(catalog);
        s.loadData("blobs", Map.of());
        s.split(map("train=0.7", "test=0.3"));
        s.createNetwork("in-5-out", Map.of());
        s.use(ComponentKind.SAMPLER, "observing", Map.of());
        s.train(2, map("batch=8"), null);
        assertEquals(2 * 210, observing.observed);
    }

    @Test
    void regressionDataTrainsWithRealTargets() throws DataFormatException {
        Session s = session();
        s.loadData("plane", Map.of());
        String summary = s.createNetwork("in-out", map("output=linear", "activation=linear"));
        assertTrue(summary.contains("real targets"), summary);
        s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.1"));
        List<EpochReport> reports = s.train(30, Map.of(), null);
        EpochReport last = reports.get(reports.size() - 1);
        assertTrue(Double.isNaN(last.evalAccuracy()));
        assertTrue(last.trainLoss() < 1e-4, "a linear map should be learnt exactly: " + last.trainLoss());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-out", map("coding=pm1")));
        assertTrue(e.getMessage().contains("real targets"), e.getMessage());
    }

    @Test
    void listenerMayChangeComponentsBetweenEpochs() throws DataFormatException {
        Session s = prepared();
        List<String> answers = new ArrayList<>();
        TrainingListener switcher = report -> {
            if (report.epoch() == 1) {
                answers.add(s.use(ComponentKind.OPTIMIZER, "momentum", map("lr=0.005")));
            }
        };
        List<EpochReport> reports = s.train(2, Map.of(), switcher);
        assertEquals(2, reports.size());
        assertEquals(0.005, reports.get(1).learningRate());
        assertEquals("optimizer momentum lr=0.005 mu=0.9; re-initialised: velocity", answers.get(0));
        assertEquals("momentum lr=0.005 mu=0.9", s.status().components().get("optimizer"));
    }

    // ------------------------------------------------------------------ components

    @Test
    void optimizerSwapReportsCarriedAndReinitialisedState() throws DataFormatException {
        Session s = prepared();
        assertEquals("optimizer momentum lr=0.01 mu=0.9; its state is created when training starts",
                s.use(ComponentKind.OPTIMIZER, "momentum", Map.of()));
        s.train(1, Map.of(), null);
        org.ebp.api.component.State velocity = s.optimizerState();
        assertTrue(velocity.hasArray("velocity"));
        assertEquals("optimizer momentum lr=0.02 mu=0.5; momentum state 'velocity' carried over",
                s.use(ComponentKind.OPTIMIZER, "momentum", map("lr=0.02", "mu=0.5")));
        assertEquals(velocity, s.optimizerState());
        assertEquals("optimizer sgd lr=0.01; it keeps no state", s.use(ComponentKind.OPTIMIZER, "sgd", Map.of()));
    }

    @Test
    void unknownComponentNamesListTheAvailableOnesAndChangeNothing() throws DataFormatException {
        Session s = prepared();
        SessionStatus before = s.status();
        UnknownComponentException e = assertThrows(UnknownComponentException.class,
                () -> s.use(ComponentKind.OPTIMIZER, "sgdd", Map.of()));
        assertEquals("no optimizer named 'sgdd'; available: momentum, sgd", e.getMessage());
        UnknownComponentException act = assertThrows(UnknownComponentException.class,
                () -> s.createNetwork("in-8-out", map("activation=tanhh")));
        assertEquals("no activation named 'tanhh'; available: linear, logistic, scaled-tanh, softmax, tanh", act.getMessage());
        assertEquals(before, s.status());
    }

    @Test
    void invalidOptimizerSettingsAreRefused() throws DataFormatException {
        Session s = prepared();
        SessionStatus before = s.status();
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=fast")));
        assertTrue(e.getMessage().contains("lr=fast"), e.getMessage());
        assertEquals(before, s.status());
    }

    @Test
    void useRefusesKindsThatBelongElsewhere() {
        Session s = session();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.use(ComponentKind.INITIALIZER, "fan-in", Map.of()));
        assertTrue(e.getMessage().contains("net SPEC"), e.getMessage());
    }

    @Test
    void requirementsAreCheckedBeforeTraining() throws DataFormatException {
        TestCatalog catalog = TestCatalog.standard();
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.Demanding("full",
                new Requirements(true, false, Set.of(), 0, "sgd")));
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.Demanding("squares",
                new Requirements(false, true, Set.of(), 0, "sgd")));
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.Demanding("hessian",
                new Requirements(false, false, Set.of(Capability.HESSIAN_VECTOR), 0, "")));
        catalog.add(ComponentKind.OPTIMIZER, new TestComponents.Demanding("greedy",
                new Requirements(false, false, Set.of(), Long.MAX_VALUE / 2, "lbfgs")));
        Session s = session(catalog);
        s.loadData("blobs", Map.of());
        s.split(map("train=0.7", "test=0.3"));
        s.createNetwork("in-8-out", map("output=softmax"));

        IllegalArgumentException squares = assertThrows(IllegalArgumentException.class,
                () -> s.use(ComponentKind.OPTIMIZER, "squares", Map.of()));
        assertEquals("optimizer 'squares' needs a squared-error loss (loss=mse) but the network uses loss "
                + "'cross-entropy'; create the network with loss=mse and an elementwise output, or use sgd", squares.getMessage());
        // the engine's objective provides Hessian-vector products (R-operator), so this one is accepted
        assertTrue(s.use(ComponentKind.OPTIMIZER, "hessian", Map.of()).startsWith("optimizer hessian"));
        org.ebp.io.MemoryLimitException greedy = assertThrows(org.ebp.io.MemoryLimitException.class,
                () -> s.use(ComponentKind.OPTIMIZER, "greedy", Map.of()));
        assertTrue(greedy.getMessage().contains("heap is free; use a smaller network or lbfgs"), greedy.getMessage());

        String answer = s.use(ComponentKind.OPTIMIZER, "full", Map.of());
        assertTrue(answer.contains("train uses batch=210"), answer);
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> s.train(1, map("batch=10"), null));
        assertTrue(batch.getMessage().startsWith("optimizer 'full' needs the whole training set in every step; "
                + "train with batch=210"), batch.getMessage());
        List<EpochReport> reports = s.train(2, Map.of(), null);
        assertEquals(2, reports.get(1).step(), "one full-batch step per epoch");
    }

    @Test
    void computeIsTheHighestRankingUnlessNamed() throws DataFormatException {
        TestCatalog catalog = TestCatalog.standard();
        catalog.add(ComponentKind.COMPUTE, new org.ebp.engine.testing.NaiveCompute("fast"), 100);
        Session s = session(catalog);
        assertEquals("compute fast (highest ranking): plain Java loops", s.use(ComponentKind.COMPUTE, "default", Map.of()));
        assertEquals("compute java: plain Java loops", s.use(ComponentKind.COMPUTE, "java", Map.of()));
        assertEquals("java", s.status().components().get("compute"));
    }

    @Test
    void aComponentThatGoesAwayStopsTheNextRunWithAClearMessage() throws DataFormatException {
        TestCatalog catalog = TestCatalog.standard();
        Session s = session(catalog);
        s.loadData("blobs", Map.of());
        s.createNetwork("in-4-out", Map.of());
        s.use(ComponentKind.OPTIMIZER, "momentum", Map.of());
        catalog.remove(ComponentKind.OPTIMIZER, "momentum");
        UnknownComponentException e = assertThrows(UnknownComponentException.class, () -> s.train(1, Map.of(), null));
        assertEquals("no optimizer named 'momentum'; available: sgd", e.getMessage());
    }

    // ------------------------------------------------------------------ network

    @Test
    void defaultsGiveScaledTanhPm1MseFanIn() throws DataFormatException {
        Session s = prepared();
        String summary = s.createNetwork("in-8-out", Map.of());
        assertEquals("network 4-8-3: hidden scaled-tanh, output scaled-tanh, coding pm1 (-1/1), loss mse, "
                + "init fan-in scale=1.0 seed=1; 67 parameters", summary);
        SessionStatus status = s.status();
        assertEquals("4-8-3 scaled-tanh/scaled-tanh pm1 mse fan-in", status.network());
        assertEquals(67, status.parameters());
        assertEquals("sgd (defaults)", status.components().get("optimizer"));
        assertEquals(Map.of("split", 1L, "init", 1L, "shuffle", 1L), status.seeds());
    }

    @Test
    void automaticCodingFollowsTheOutputRange() throws DataFormatException {
        Session s = prepared();
        assertTrue(s.createNetwork("in-8-out", map("output=tanh")).contains("coding low-high (-0.6/0.6)"));
        assertTrue(s.createNetwork("in-8-out", map("output=linear")).contains("coding pm1"));
        assertTrue(s.createNetwork("in-8-out", map("output=logistic")).contains("coding low-high (0.2/0.8)"));
        assertTrue(s.createNetwork("in-8-out", map("output=softmax")).contains("coding one-hot (0/1), loss cross-entropy"));
    }

    @Test
    void initializerSettingsPassThroughAndUnknownKeysAreRefused() throws DataFormatException {
        Session s = prepared();
        double[] base = s.weights();
        s.createNetwork("in-8-out", map("scale=2"));
        double[] doubled = s.weights();
        for (int i = 0; i < base.length; i++) {
            // same stream, twice the limit: exactly twice the weight up to rounding
            assertEquals(2 * base[i], doubled[i], 1e-15);
        }
        SessionStatus before = s.status();
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> s.createNetwork("in-8-out", map("sale=2")));
        assertEquals("net has no setting 'sale'; use activation, output, activation.KEY, output.KEY, coding, loss, init, seed, rbf-train, rbf-width, "
                + "precision, a setting of initializer 'fan-in' [scale]", e.getMessage());
        assertEquals(before, s.status());
        assertArrayEquals(doubled, s.weights());
    }

    @Test
    void unreachableCodingIsRefusedWithTheFix() throws DataFormatException {
        Session s = prepared();
        double[] weights = s.weights();
        SessionStatus before = s.status();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-8-out", map("output=logistic", "coding=pm1")));
        assertEquals("coding 'pm1' needs targets -1 and 1 but output activation 'logistic' only reaches (0, 1); "
                + "use coding=low-high or output=scaled-tanh", e.getMessage());
        IllegalArgumentException tanh = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-8-out", map("output=tanh", "coding=pm1")));
        assertTrue(tanh.getMessage().contains("only reaches (-1, 1)"), tanh.getMessage());
        assertEquals(before, s.status());
        assertArrayEquals(weights, s.weights());
    }

    @Test
    void aCodingsOwnRefusalIsPassedOnWithContextWhenItLacksIt() throws DataFormatException {
        TestCatalog catalog = TestCatalog.standard();
        catalog.add(ComponentKind.TARGET_CODING, new org.ebp.api.model.TargetCoding() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public String description() {
                return "refuses everything";
            }

            @Override
            public Levels levels(org.ebp.api.model.Activation output, org.ebp.api.component.Settings settings) {
                throw new IllegalArgumentException("no levels here");
            }
        });
        Session s = session(catalog);
        s.loadData("blobs", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-4-out", map("coding=picky")));
        assertEquals("coding 'picky' cannot be used with output activation 'scaled-tanh': no levels here", e.getMessage());
        assertNull(s.status().network());
    }

    @Test
    void badLayerSpecAndWidthMismatchChangeNothing() throws DataFormatException {
        Session s = prepared();
        s.train(1, Map.of(), null);
        double[] weights = s.weights();
        SessionStatus before = s.status();
        IllegalArgumentException spec = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("64-x-10", Map.of()));
        assertEquals("layer spec '64-x-10' is not valid: use widths separated by '-', e.g. 64-30-10 "
                + "(the first may be 'in', the last 'out'; rbfN marks a layer of N Gaussian units, e.g. 64-rbf20-10)",
                spec.getMessage());
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("5-8-3", Map.of()));
        assertEquals("the network's input width 5 does not match the 4 features of 'blobs' (after transforms); "
                + "start the spec with 4 or 'in'", input.getMessage());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("4-8-2", Map.of()));
        assertEquals("the network has 2 outputs but 'blobs' has 3 classes; end the spec with 3 or 'out'", output.getMessage());
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-8-out", map("activation=softmax")));
        assertTrue(hidden.getMessage().contains("can only be the output activation"), hidden.getMessage());
        IllegalArgumentException loss = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-8-out", map("loss=cross-entropy")));
        assertTrue(loss.getMessage().startsWith("loss 'cross-entropy' needs output=softmax"), loss.getMessage());
        assertEquals(before, s.status());
        assertArrayEquals(weights, s.weights());
    }

    @Test
    void networkWithoutDataNeedsNumbersAndTrainingNeedsData() {
        Session s = session();
        IllegalArgumentException placeholder = assertThrows(IllegalArgumentException.class,
                () -> s.createNetwork("in-3-out", Map.of()));
        assertTrue(placeholder.getMessage().contains("no data is loaded"), placeholder.getMessage());
        s.createNetwork("4-3-3", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.train(1, Map.of(), null));
        assertEquals("no data loaded; load a dataset first, e.g. data load digits", e.getMessage());
    }

    @Test
    void trainingWithoutANetworkSaysHowToMakeOne() throws DataFormatException {
        Session s = session();
        s.loadData("blobs", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.train(1, Map.of(), null));
        assertEquals("no network; create one first, e.g. net in-30-out", e.getMessage());
        IllegalArgumentException epochs = assertThrows(IllegalArgumentException.class, () -> s.train(0, Map.of(), null));
        assertEquals("epochs must be at least 1, not 0", epochs.getMessage());
    }

    @Test
    void trainSettingsAreValidated() throws DataFormatException {
        Session s = prepared();
        InvalidSettingException batch = assertThrows(InvalidSettingException.class,
                () -> s.train(1, map("batch=0"), null));
        assertTrue(batch.getMessage().contains("batch=0 is out of range"), batch.getMessage());
        InvalidSettingException key = assertThrows(InvalidSettingException.class,
                () -> s.train(1, map("bach=2"), null));
        assertEquals("'train' has no setting 'bach'; its settings are [batch, eval, seed, group, diverge, patience, monitor]", key.getMessage());
        IllegalArgumentException eval = assertThrows(IllegalArgumentException.class,
                () -> s.train(1, map("eval=tst"), null));
        assertEquals("no split named 'tst'; available: all, train, test", eval.getMessage());
        assertEquals(0, s.status().epoch());
        List<EpochReport> none = s.train(1, map("eval=none"), null);
        assertNull(none.get(0).evalSplit());
        assertTrue(Double.isNaN(none.get(0).evalLoss()));
    }

    @Test
    void unsplitDataTrainsOnTheWholeSetAndSaysSo() throws DataFormatException {
        Session s = session();
        s.loadData("blobs", Map.of());
        s.createNetwork("in-4-out", Map.of());
        Recorder r = new Recorder();
        List<EpochReport> reports = s.train(1, Map.of(), r);
        assertNull(reports.get(0).evalSplit());
        assertEquals(300, reports.get(0).step());
        assertTrue(r.messages.get(0).startsWith("training on the whole set 'blobs'"), r.messages.toString());
    }

    // ------------------------------------------------------------------ data

    @Test
    void loadDataSummarisesAndFailuresChangeNothing() throws DataFormatException {
        Session s = session();
        assertEquals("blobs: 300 examples x 4 features, 3 classes", s.loadData("blobs", Map.of()));
        s.split(map("train=0.7", "test=0.3"));
        SessionStatus before = s.status();
        DataFormatException bad = assertThrows(DataFormatException.class, () -> s.loadData("blobs", map("fail=true")));
        assertEquals("blobs.csv line 3: 'x' is not a number", bad.getMessage());
        assertThrows(UnknownComponentException.class, () -> s.loadData("blobz", Map.of()));
        assertThrows(InvalidSettingException.class, () -> s.loadData("blobs", map("size=x")));
        assertEquals(before, s.status());
    }

    @Test
    void splitValidatesFractionsBeforeChangingAnything() throws DataFormatException {
        Session s = prepared();
        SessionStatus before = s.status();
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> s.split(map("train=0.7", "test=0.2")));
        assertEquals("split fractions must sum to 1, but train=0.7 test=0.2 sum to 0.9; e.g. train=0.8 test=0.2",
                sum.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> s.split(map("train=x", "test=0.2")));
        assertEquals("split fraction train=x is not a number; use e.g. train=0.8 test=0.2", nan.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> s.split(map("train=1.5", "test=-0.5")));
        assertEquals("split fraction train=1.5 must lie in (0, 1]; use e.g. train=0.8 test=0.2", range.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> s.split(map("all=1")));
        assertTrue(all.getMessage().startsWith("'all' names the whole set"), all.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> s.split(map("seed=3")));
        assertTrue(none.getMessage().startsWith("split needs parts with fractions"), none.getMessage());
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> s.split(map("train=0.5", "test=0.5", "seed=x")));
        assertTrue(seed.getMessage().contains("seed=x is not a whole number"), seed.getMessage());
        assertEquals(before, s.status());
    }

    @Test
    void splitOrdersPartsConventionallyRefitsTransformsAndKeepsAFittingNetwork() throws DataFormatException {
        Session s = prepared();
        double[] weights = s.weights();
        assertEquals(List.of("center"), s.status().transforms());
        Map<String, Integer> sizes = s.split(map("test=0.2", "validation=0.2", "train=0.6", "seed=4"));
        assertEquals(List.of("train", "validation", "test"), new ArrayList<>(sizes.keySet()));
        assertEquals(180, sizes.get("train"));
        SessionStatus status = s.status();
        // the transforms are refitted on the new train split (issue 12 item 4; SplitKeepsTransformsTest)
        assertEquals(List.of("center"), status.transforms());
        assertTrue(s.describeTransforms().toString().contains("fitted on train (180 examples)"), s.describeTransforms().toString());
        assertEquals(4L, status.seeds().get("split"));
        assertArrayEquals(weights, s.weights());
        assertNotNull(status.network());
    }

    @Test
    void transformsFitOnTrainAndApplyToEverySplit() throws DataFormatException {
        Session s = session();
        s.loadData("blobs", Map.of());
        s.split(map("train=0.7", "test=0.3"));
        List<String> before = s.describe("train");
        assertTrue(before.get(2).startsWith("feature means: 2."), before.toString());
        List<String> report = s.fitTransform("center", Map.of());
        assertEquals("fitted center on train (210 examples); applied to train, test", report.get(0));
        assertEquals("centred 4 features", report.get(1));
        List<String> train = s.describe("train");
        assertEquals("train: 210 examples x 4 features, 3 classes", train.get(0));
        assertTrue(train.get(1).startsWith("class counts: a="), train.toString());
        double maxAbsMean = Arrays.stream(train.get(2).replace("feature means: ", "").split(" \\.\\. "))
                .mapToDouble(v -> Math.abs(Double.parseDouble(v))).max().orElseThrow();
        // float32 storage of centred values: means are zero to about 1e-7
        assertTrue(maxAbsMean < 1e-5, train.get(2));
        assertEquals("transforms: center", train.get(4));
        List<String> all = s.describe("all");
        assertEquals("all (blobs): 300 examples x 4 features, 3 classes", all.get(0));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> s.describe("tset"));
        assertEquals("no split named 'tset'; available: all, train, test", unknown.getMessage());
    }

    @Test
    void aTransformThatChangesTheWidthSaysTheNetworkNoLongerFits() throws DataFormatException {
        Session s = prepared();
        List<String> report = s.fitTransform("first-two", Map.of());
        assertTrue(report.contains("features: 4 -> 2"), report.toString());
        assertTrue(report.get(report.size() - 1).startsWith("the network 4-8-3 expects 4 inputs but the data now has 2"),
                report.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.train(1, Map.of(), null));
        assertTrue(e.getMessage().startsWith("the network 4-8-3 does not fit the data (2 features, 3 classes)"),
                e.getMessage());
        assertEquals("network 2-8-3: hidden scaled-tanh, output scaled-tanh, coding pm1 (-1/1), loss mse, "
                + "init fan-in scale=1.0 seed=1; 51 parameters", s.createNetwork("in-8-out", Map.of()));
    }

    @Test
    void fittingNeedsATrainPart() throws DataFormatException {
        Session s = session();
        s.loadData("blobs", Map.of());
        s.split(map("fit=0.5", "test=0.5"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.fitTransform("center", Map.of()));
        assertEquals("the splits [test, fit] have no part named 'train'; split again with one, e.g. split train=0.8 test=0.2",
                e.getMessage());
    }

    @Test
    void loadingDataReplacesNetworkAndProgress() throws DataFormatException {
        Session s = prepared();
        s.train(1, Map.of(), null);
        s.loadData("blobs", map("size=30"));
        SessionStatus status = s.status();
        assertNull(status.network());
        assertEquals(0, status.epoch());
        assertEquals(Map.of(), status.splits());
        assertEquals("blobs: 30 examples x 4 features, 3 classes", status.dataset());
    }

    @Test
    void statusWhileIdleReportsComponentsAndLastReport() throws DataFormatException {
        Session s = prepared();
        s.use(ComponentKind.OPTIMIZER, "momentum", map("lr=0.005"));
        List<EpochReport> reports = s.train(2, map("seed=3"), null);
        SessionStatus status = s.status();
        assertEquals("idle", status.state());
        assertEquals("blobs: 300 examples x 4 features, 3 classes", status.dataset());
        assertEquals(Map.of("train", 210, "test", 90), status.splits());
        assertEquals("momentum lr=0.005 mu=0.9", status.components().get("optimizer"));
        assertEquals("constant", status.components().get("schedule"));
        assertEquals("shuffle", status.components().get("sampler"));
        assertEquals("java (highest ranking)", status.components().get("compute"));
        assertEquals(2, status.epoch());
        assertEquals(420, status.step());
        assertEquals(reports.get(1), status.lastReport());
        assertEquals(3L, status.seeds().get("shuffle"));
    }

    @Test
    void aClosedSessionRefusesToTrain() throws DataFormatException {
        Session s = prepared();
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.train(1, Map.of(), null));
        assertEquals("this session is closed; start a new one", e.getMessage());
    }
}

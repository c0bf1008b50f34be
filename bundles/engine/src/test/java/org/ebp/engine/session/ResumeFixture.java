package org.ebp.engine.session;

import java.nio.file.Path;
import java.util.Map;
import org.ebp.activations.PlusMinusOneCoding;
import org.ebp.activations.ScaledTanh;
import org.ebp.activations.Softmax;
import org.ebp.activations.OneHotCoding;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.data.DigitsDataset;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.loss.MeanSquaredErrorLoss;
import org.ebp.engine.persist.NpyArray;
import org.ebp.engine.testing.NaiveCompute;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.initializers.FanInInitializer;
import org.ebp.io.SafeFiles;
import org.ebp.optim.first.AdamOptimizer;
import org.ebp.optim.first.AnnealingSchedule;
import org.ebp.optim.first.ConstantSchedule;
import org.ebp.optim.first.MomentumOptimizer;
import org.ebp.optim.first.SgdOptimizer;
import org.ebp.optim.second.LbfgsOptimizer;
import org.ebp.optim.second.StochasticDiagonalLevenbergMarquardtOptimizer;
import org.ebp.samplers.EmphasizingSampler;
import org.ebp.samplers.ShuffleSampler;
import org.ebp.transforms.StandardizeTransform;

/**
 * The session the resume tests train: the bundled digits, a seeded stratified 70/15/15 split
 * (train, validation, test), standardized inputs, a 64-12-10 scaled-tanh network with targets
 * +-1 and fan-in initialisation, and the real optimizers, schedules and samplers. Its
 * {@link #main} is the second half of a run in a new process.
 */
final class ResumeFixture {

    private ResumeFixture() {
    }

    static TestCatalog catalog() {
        TestCatalog c = new TestCatalog();
        c.add(ComponentKind.COMPUTE, new NaiveCompute("java"));
        c.add(ComponentKind.DATASET, new DigitsDataset());
        c.add(ComponentKind.TRANSFORM, new StandardizeTransform());
        c.add(ComponentKind.ACTIVATION, new ScaledTanh());
        c.add(ComponentKind.ACTIVATION, new Softmax());
        c.add(ComponentKind.LOSS, new MeanSquaredErrorLoss());
        c.add(ComponentKind.LOSS, new CrossEntropyLoss());
        c.add(ComponentKind.TARGET_CODING, new PlusMinusOneCoding());
        c.add(ComponentKind.TARGET_CODING, new OneHotCoding());
        c.add(ComponentKind.INITIALIZER, new FanInInitializer());
        c.add(ComponentKind.OPTIMIZER, new SgdOptimizer());
        c.add(ComponentKind.OPTIMIZER, new MomentumOptimizer());
        c.add(ComponentKind.OPTIMIZER, new AdamOptimizer());
        c.add(ComponentKind.OPTIMIZER, new LbfgsOptimizer());
        c.add(ComponentKind.OPTIMIZER, new StochasticDiagonalLevenbergMarquardtOptimizer());
        c.add(ComponentKind.SCHEDULE, new ConstantSchedule());
        c.add(ComponentKind.SCHEDULE, new AnnealingSchedule());
        c.add(ComponentKind.SAMPLER, new ShuffleSampler());
        c.add(ComponentKind.SAMPLER, new EmphasizingSampler());
        return c;
    }

    static Session session() {
        return new Session(catalog().index(), new StratifiedSplitter());
    }

    /** Data loaded and split as every run of these tests has it (the transforms come with a checkpoint). */
    static Session withData() throws DataFormatException {
        Session s = session();
        s.loadData("digits", Map.of());
        s.split(Map.of("train", "0.7", "validation", "0.15", "test", "0.15", "seed", "5"));
        return s;
    }

    /** A fresh network with the given components, ready to train. */
    static Session prepared(String optimizer, Map<String, String> optimizerSettings, String sampler, String schedule)
            throws DataFormatException {
        Session s = withData();
        s.fitTransform("standardize", Map.of());
        s.createNetwork("in-12-out", Map.of("coding", "pm1", "seed", "7"));
        s.use(ComponentKind.OPTIMIZER, optimizer, optimizerSettings);
        s.use(ComponentKind.SAMPLER, sampler, Map.of());
        s.use(ComponentKind.SCHEDULE, schedule, schedule.equals("annealing") ? Map.of("t0", "500") : Map.of());
        return s;
    }

    /**
     * In a new process: loads the data, loads the checkpoint {@code args[0]}, trains
     * {@code args[2]} epochs with the batch and seed it names and writes the weights to
     * {@code args[1]} as a flat .npy.
     */
    public static void main(String[] args) throws Exception {
        try (Session s = withData()) {
            s.loadCheckpoint(Path.of(args[0]));
            String batch = args.length > 3 ? args[3] : "1";
            s.train(Integer.parseInt(args[2]), Map.of("batch", batch, "eval", "validation"), null);
            double[] w = s.weights();
            SafeFiles.write(Path.of(args[1]), out -> out.write(new NpyArray(new int[] {w.length}, w).toBytes()));
        }
        System.exit(0);
    }
}

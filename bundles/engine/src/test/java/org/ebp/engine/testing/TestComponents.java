package org.ebp.engine.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.data.Splitter;
import org.ebp.api.model.Activation;
import org.ebp.api.model.Initializer;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.TargetCoding;
import org.ebp.api.optim.Objective;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Requirements;
import org.ebp.api.optim.Sampler;
import org.ebp.api.optim.Schedule;
import org.ebp.api.optim.StepContext;
import org.ebp.api.optim.StepResult;

/** Small test doubles of every component family the session uses. */
public final class TestComponents {

    private TestComponents() {
    }

    /** Plain gradient descent w <- w - lr g (eq 11), optionally recording the thread it ran on. */
    public static class GradientDescent implements Optimizer {
        public volatile String lastThread;
        private final String name;

        public GradientDescent() {
            this("sgd");
        }

        public GradientDescent(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "gradient descent (test double)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.real("lr", 0.01, 0, 1e12, "learning rate"));
        }

        @Override
        public State init(ParameterLayout layout, Settings settings) {
            return new State();
        }

        @Override
        public StepResult step(double[] w, Objective objective, State state, StepContext context) {
            lastThread = Thread.currentThread().getName();
            double[] g = new double[w.length];
            double loss = objective.valueAndGradient(w, g);
            for (int i = 0; i < w.length; i++) {
                w[i] -= context.learningRate() * g[i];
            }
            return StepResult.of(loss);
        }
    }

    /** Momentum dw <- lr g + mu dw, w <- w - dw; state "velocity". */
    public static final class Momentum implements Optimizer {
        @Override
        public String name() {
            return "momentum";
        }

        @Override
        public String description() {
            return "momentum (test double)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.real("lr", 0.01, 0, 10, "learning rate"),
                    ParameterSpec.real("mu", 0.9, 0, 1, "momentum"));
        }

        @Override
        public State init(ParameterLayout layout, Settings settings) {
            return new State().putArray("velocity", new double[layout.size()]);
        }

        @Override
        public StepResult step(double[] w, Objective objective, State state, StepContext context) {
            double[] g = new double[w.length];
            double loss = objective.valueAndGradient(w, g);
            double[] v = state.array("velocity", w.length);
            double mu = context.settings().getDouble("mu");
            for (int i = 0; i < w.length; i++) {
                v[i] = context.learningRate() * g[i] + mu * v[i];
                w[i] -= v[i];
            }
            return StepResult.of(loss);
        }
    }

    /** A gradient-descent double that declares requirements. */
    public static final class Demanding extends GradientDescent {
        private final Requirements requirements;

        public Demanding(String name, Requirements requirements) {
            super(name);
            this.requirements = requirements;
        }

        @Override
        public Requirements requirements(ParameterLayout layout, Settings settings) {
            return requirements;
        }
    }

    /** Fisher-Yates shuffle from the epoch's stream; optionally records observed errors. */
    public static final class Shuffle implements Sampler {
        public long observed;
        private final boolean observes;

        public Shuffle() {
            this(false);
        }

        public Shuffle(boolean observes) {
            this.observes = observes;
        }

        @Override
        public String name() {
            return observes ? "observing" : "shuffle";
        }

        @Override
        public String description() {
            return "shuffle (test double)";
        }

        @Override
        public EpochPlan plan(Context context, State state, Settings settings) {
            int[] order = new int[context.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = context.random().nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return new EpochPlan(order, context.batchSize());
        }

        @Override
        public boolean observesErrors() {
            return observes;
        }

        @Override
        public void observe(int[] examples, double[] errors, int count, State state, Settings settings) {
            for (int i = 0; i < count; i++) {
                if (!(errors[i] >= 0)) {
                    throw new AssertionError("negative or NaN error " + errors[i]);
                }
            }
            observed += count;
        }
    }

    public static final class Constant implements Schedule {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public String description() {
            return "constant rate (test double)";
        }

        @Override
        public double rate(Context context, State state, Settings settings) {
            return context.baseRate();
        }
    }

    /** Fixed levels. */
    public static TargetCoding coding(String name, double off, double on) {
        return new TargetCoding() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name + " (test double)";
            }

            @Override
            public Levels levels(Activation output, Settings settings) {
                return new Levels(off, on);
            }
        };
    }

    /** Levels 20% inside a finite range, else -1/1. */
    public static TargetCoding lowHigh() {
        return new TargetCoding() {
            @Override
            public String name() {
                return "low-high";
            }

            @Override
            public String description() {
                return "levels inside the range (test double)";
            }

            @Override
            public Levels levels(Activation output, Settings settings) {
                double lo = output.lowerBound();
                double hi = output.upperBound();
                if (Double.isInfinite(lo) || Double.isInfinite(hi)) {
                    return new Levels(-1, 1);
                }
                return new Levels(lo + 0.2 * (hi - lo), hi - 0.2 * (hi - lo));
            }
        };
    }

    /** Uniform U[-s sqrt(3/m), s sqrt(3/m)], m the fan-in (eq 16); biases 0. */
    public static final class FanIn implements Initializer {
        @Override
        public String name() {
            return "fan-in";
        }

        @Override
        public String description() {
            return "fan-in uniform (test double)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.real("scale", 1, 0, 1e6, "multiplies the standard deviation"));
        }

        @Override
        public void initialize(ParameterLayout layout, ParameterLayout.Segment segment, double[] w, SplittableRandom random,
                               Settings settings) {
            double limit = settings.getDouble("scale") * Math.sqrt(3.0 / segment.fanIn());
            for (int i = segment.offset(); i < segment.end(); i++) {
                w[i] = segment.role() == ParameterLayout.Role.BIASES ? 0 : (2 * random.nextDouble() - 1) * limit;
            }
        }
    }

    /**
     * Three well separated Gaussian blobs in 4 dimensions (centres 2 apart, noise 0.3), with an
     * offset of 3 on every feature so that centring matters.
     */
    public static final class Blobs implements DatasetSource {
        public int loads;

        @Override
        public String name() {
            return "blobs";
        }

        @Override
        public String description() {
            return "three Gaussian blobs (test double)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.integer("size", 300, 3, 100000, "examples"),
                    ParameterSpec.longInt("seed", 7, "seed"),
                    ParameterSpec.bool("fail", false, "fail with a format error"));
        }

        @Override
        public Dataset load(Settings settings) throws org.ebp.api.data.DataFormatException {
            if (settings.getBoolean("fail")) {
                throw new org.ebp.api.data.DataFormatException("blobs.csv line 3: 'x' is not a number");
            }
            loads++;
            int n = settings.getInt("size");
            SplittableRandom random = new SplittableRandom(settings.getLong("seed"));
            double[][] centres = {{1, 0, 0, 1}, {-1, 1, 0, -1}, {0, -1, 1, 0}};
            float[] x = new float[n * 4];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int c = i % 3;
                labels[i] = c;
                for (int j = 0; j < 4; j++) {
                    x[i * 4 + j] = (float) (3 + centres[c][j] + 0.3 * random.nextGaussian());
                }
            }
            return Dataset.classification("blobs", x, n, 4, labels, List.of("a", "b", "c"),
                    List.of("f1", "f2", "f3", "f4"));
        }
    }

    /** Regression data y = (x1 + x2, x1 - x2) for regression paths. */
    public static final class Plane implements DatasetSource {
        @Override
        public String name() {
            return "plane";
        }

        @Override
        public String description() {
            return "linear regression targets (test double)";
        }

        @Override
        public Dataset load(Settings settings) {
            int n = 40;
            SplittableRandom random = new SplittableRandom(3);
            float[] x = new float[n * 2];
            float[] t = new float[n * 2];
            for (int i = 0; i < n; i++) {
                x[2 * i] = (float) random.nextDouble(-1, 1);
                x[2 * i + 1] = (float) random.nextDouble(-1, 1);
                t[2 * i] = x[2 * i] + x[2 * i + 1];
                t[2 * i + 1] = x[2 * i] - x[2 * i + 1];
            }
            return Dataset.regression("plane", x, n, 2, t, 2, List.of("x1", "x2"));
        }
    }

    /** Subtracts the training mean of every feature. */
    public static final class Center implements DataTransform {
        @Override
        public String name() {
            return "center";
        }

        @Override
        public String description() {
            return "subtract the mean (test double)";
        }

        @Override
        public FittedTransform fit(Dataset train, Settings settings, ComputeService compute) {
            double[] mean = new double[train.features()];
            for (int i = 0; i < train.size(); i++) {
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += train.feature(i, j) / (double) train.size();
                }
            }
            return new FittedTransform(name(), settings.asText(), mean.length, mean.length,
                    new State().putArray("mean", mean), "centred " + mean.length + " features");
        }

        @Override
        public Dataset apply(FittedTransform fitted, Dataset data) {
            double[] mean = fitted.values().array("mean");
            if (data.features() != mean.length) {
                throw new IllegalArgumentException("width " + data.features() + " != " + mean.length);
            }
            float[] x = data.featureMatrix();
            for (int i = 0; i < data.size(); i++) {
                for (int j = 0; j < mean.length; j++) {
                    x[i * mean.length + j] -= (float) mean[j];
                }
            }
            return data.withFeatures(data.name(), x, mean.length, data.featureNames());
        }
    }

    /** Keeps only the first two features (changes the width). */
    public static final class FirstTwo implements DataTransform {
        @Override
        public String name() {
            return "first-two";
        }

        @Override
        public String description() {
            return "keep two features (test double)";
        }

        @Override
        public FittedTransform fit(Dataset train, Settings settings, ComputeService compute) {
            return new FittedTransform(name(), Map.of(), train.features(), 2, new State(), "");
        }

        @Override
        public Dataset apply(FittedTransform fitted, Dataset data) {
            float[] x = new float[data.size() * 2];
            for (int i = 0; i < data.size(); i++) {
                x[2 * i] = data.feature(i, 0);
                x[2 * i + 1] = data.feature(i, 1);
            }
            return data.withFeatures(data.name(), x, 2, List.of("f1", "f2"));
        }
    }

    /** Shuffles the rows with the seed and cuts them by the fractions (no stratification). */
    public static final class SimpleSplitter implements Splitter {
        @Override
        public LinkedHashMap<String, Dataset> split(Dataset data, LinkedHashMap<String, Double> fractions, boolean stratify,
                                                    long seed) {
            int n = data.size();
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            LinkedHashMap<String, Dataset> out = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(fractions.keySet());
            int start = 0;
            double cumulative = 0;
            for (int p = 0; p < names.size(); p++) {
                cumulative += fractions.get(names.get(p));
                int end = p == names.size() - 1 ? n : (int) Math.round(cumulative * n);
                int[] part = java.util.Arrays.copyOfRange(rows, start, end);
                if (part.length == 0) {
                    throw new IllegalArgumentException("part '" + names.get(p) + "' would be empty");
                }
                out.put(names.get(p), data.subset(names.get(p), part));
                start = end;
            }
            return out;
        }
    }
}

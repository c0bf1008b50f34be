package org.ebp.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebp.api.component.Component;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.session.ComponentEntry;
import org.ebp.data.DigitsDataset;
import org.ebp.data.StratifiedSplitter;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.registry.ComponentIndex;
import org.ebp.engine.runs.RunFolder;

/** The real components of the paper's recipe on digits, without OSGi, for members made by the tests. */
final class Components {

    private Components() {
    }

    /**
     * @param without      names of components this member lacks
     * @param otherDigits  true: this member's digits differ in one pixel (another file under the same name)
     */
    static ComponentIndex catalog(Set<String> without, boolean otherDigits) {
        ComponentIndex index = new ComponentIndex();
        Object[][] all = {
                {ComponentKind.COMPUTE, new org.ebp.compute.kernels.JavaCompute()},
                {ComponentKind.DATASET, otherDigits ? new OtherDigits() : new DigitsDataset()},
                {ComponentKind.TRANSFORM, new org.ebp.transforms.StandardizeTransform()},
                {ComponentKind.ACTIVATION, new org.ebp.activations.ScaledTanh()},
                {ComponentKind.ACTIVATION, new org.ebp.activations.Logistic()},
                {ComponentKind.LOSS, new org.ebp.engine.loss.MeanSquaredErrorLoss()},
                {ComponentKind.TARGET_CODING, new org.ebp.activations.PlusMinusOneCoding()},
                {ComponentKind.TARGET_CODING, new org.ebp.activations.LowHighCoding()},
                {ComponentKind.INITIALIZER, new org.ebp.initializers.FanInInitializer()},
                {ComponentKind.INITIALIZER, new org.ebp.initializers.UniformInitializer()},
                {ComponentKind.OPTIMIZER, new org.ebp.optim.first.SgdOptimizer()},
                {ComponentKind.OPTIMIZER, new org.ebp.optim.first.MomentumOptimizer()},
                {ComponentKind.SCHEDULE, new org.ebp.optim.first.ConstantSchedule()},
                {ComponentKind.SCHEDULE, new org.ebp.optim.first.AnnealingSchedule()},
                {ComponentKind.SAMPLER, new org.ebp.samplers.ShuffleSampler()},
                {ComponentKind.SAMPLER, new org.ebp.samplers.SequentialSampler()}};
        long id = 1;
        for (Object[] c : all) {
            Component component = (Component) c[1];
            if (without.contains(component.name())) {
                continue;
            }
            index.add(new ComponentIndex.Registration(id++, new ComponentEntry((ComponentKind) c[0], component.name(),
                    component.description(), component.parameters(), "test 0.0.0", 0), component));
        }
        return index;
    }

    /** The run records in {@code home}/runs, where {@link #runner} keeps its runs. */
    static RunFolder records(java.nio.file.Path home) {
        return new RunFolder(home.resolve("runs"));
    }

    /** A runner on that catalog, recording runs in {@code home}/runs. */
    static RecipeService runner(ComponentIndex catalog, java.nio.file.Path home) {
        return new RecipeService(catalog, new StratifiedSplitter(), new RunFolder(home.resolve("runs")));
    }

    /** The paper's recipe on digits (as the README's ablation), {@code epochs} epochs. */
    static Recipe digits(int epochs, String optimizer, String lr) {
        return new Recipe(new Recipe.Step("digits", Map.of()), map("train=0.8", "test=0.2", "seed=42"),
                List.of(new Recipe.Step("standardize", Map.of())), "64-30-10",
                map("activation=scaled-tanh", "coding=pm1", "init=fan-in", "seed=1"),
                Map.of("sampler", new Recipe.Step("shuffle", Map.of()),
                        "optimizer", new Recipe.Step(optimizer, map("lr=" + lr)),
                        "schedule", new Recipe.Step("annealing", map("t0=20000"))),
                epochs, map("batch=1", "eval=test"));
    }

    static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    /** Digits with one pixel changed, under the same name. */
    static final class OtherDigits implements DatasetSource {
        private final DigitsDataset real = new DigitsDataset();

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public String description() {
            return real.description();
        }

        @Override
        public List<ParameterSpec> parameters() {
            return real.parameters();
        }

        @Override
        public Dataset load(Settings settings) throws DataFormatException {
            Dataset d = real.load(settings);
            float[] x = d.featureMatrix().clone();
            x[0] += 1;
            return d.withFeatures(d.name(), x, d.features(), d.featureNames());
        }
    }
}

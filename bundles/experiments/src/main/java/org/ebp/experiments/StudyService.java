package org.ebp.experiments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ebp.api.experiments.AblationVariant;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.experiments.Studies;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyListener;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.Trial;
import org.ebp.api.plots.CurveCharts;
import org.ebp.api.session.ComponentCatalog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Ablations and sweeps: the paper's variants (and those plugins register) or a sweep's points,
 * each run with seeds 1..N in sessions of their own, in parallel, tabulated.
 */
@Component(service = Studies.class)
public final class StudyService implements Studies {

    @Reference
    private RecipeRunner runner;

    @Reference
    private ComponentCatalog catalog;

    /** Variants from plugins, coming and going while the workbench runs. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<AblationVariant> plugged = new CopyOnWriteArrayList<>();

    /** The plots bundle's charts, when it is installed: the study's SVG and PNG of every configuration's curves. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CurveCharts charts;

    /** The cluster's runs while a cluster bundle is there; used only while a cluster is up (slots > 0). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.ebp.api.cluster.RemoteRuns cluster;

    /** The stop flags of the studies running now. */
    private final java.util.Set<java.util.concurrent.atomic.AtomicBoolean> running =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** For DS. */
    public StudyService() {
    }

    /** Outside OSGi (tests): a runner, a catalog and extra variants. */
    public StudyService(RecipeRunner runner, ComponentCatalog catalog, List<AblationVariant> extra) {
        this(runner, catalog, extra, null);
    }

    /** Outside OSGi (tests): also a chart service, or null for a workbench without the plots bundle. */
    public StudyService(RecipeRunner runner, ComponentCatalog catalog, List<AblationVariant> extra, CurveCharts charts) {
        this.runner = runner;
        this.catalog = catalog;
        this.plugged.addAll(extra);
        this.charts = charts;
    }

    /** Outside OSGi (tests): as above, with runs sent to a cluster while it has members that take them. */
    public StudyService(RecipeRunner runner, ComponentCatalog catalog, List<AblationVariant> extra, CurveCharts charts,
                        org.ebp.api.cluster.RemoteRuns cluster) {
        this(runner, catalog, extra, charts);
        this.cluster = cluster;
    }

    /** The built-in variants, then the plugged ones whose names are not taken. */
    List<AblationVariant> variants(List<String> notes) {
        Map<String, AblationVariant> byName = new LinkedHashMap<>();
        PaperVariants.ALL.forEach(v -> byName.put(v.name(), v));
        for (AblationVariant v : plugged) {
            if (byName.putIfAbsent(v.name(), v) != null && byName.get(v.name()) != v) {
                notes.add(v.name() + " from a plugin: a variant of that name exists already");
            }
        }
        return new ArrayList<>(byName.values());
    }

    @Override
    public Study ablation(Recipe base) {
        return ablation(base, List.of(), List.of());
    }

    @Override
    public List<String> variantNames() {
        return variants(new ArrayList<>()).stream().map(AblationVariant::name).toList();
    }

    @Override
    public Study ablation(Recipe base, List<String> only, List<String> skip) {
        List<String> notes = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        trials.add(new Trial("recipe", "", base));
        for (AblationVariant v : VariantChoice.chosen(variants(notes), only, skip)) {
            Recipe changed;
            try {
                changed = v.apply(base);
            } catch (IllegalArgumentException whyNot) {
                notes.add(v.name() + ": " + whyNot.getMessage());
                continue;
            } catch (RuntimeException broken) {
                notes.add(v.name() + ": the variant failed (" + broken + ")");
                continue;
            }
            Trial same = trials.stream().filter(t -> t.recipe().equals(changed)).findFirst().orElse(null);
            if (same != null) {
                notes.add(v.name() + ": the same runs as " + same.label());
                continue;
            }
            trials.add(new Trial(v.name(), RecipeChanges.between(base, changed), changed));
        }
        return new Study("ablate", "ablate " + base.data().name() + " net " + base.netSpec() + " "
                + base.component("optimizer").name() + ", " + base.epochs() + " epochs", trials, notes);
    }

    @Override
    public Study sweep(Recipe base, String kind, String name, Map<String, String> axes, boolean log, int samples, long seed) {
        return SweepGrid.study(catalog, base, kind, name, axes, log, samples, seed);
    }

    @Override
    public StudyReport run(Study study, StudyPlan plan, StudyListener listener) {
        List<ParallelRuns.Job> jobs = new ArrayList<>();
        for (int t = 0; t < study.trials().size(); t++) {
            Trial trial = study.trials().get(t);
            for (int seed = 1; seed <= plan.seeds(); seed++) {
                jobs.add(new ParallelRuns.Job(t, seed, trial, seeded(trial.recipe(), seed)));
            }
        }
        StudyListener sink = listener == null ? (done, total, trial, seed, result, eta) -> { } : listener;
        ClusterDispatch dispatch = ClusterDispatch.of(cluster, runner);
        RecipeRunner runs = dispatch == null ? runner : dispatch;
        int parallel = Math.max(1, Math.min(dispatch == null ? plan.parallel() : dispatch.slots(), jobs.size()));
        if (dispatch != null) {
            // the plan's line said how many run at once here; the cluster's cores decide instead
            sink.message("runs go to the cluster, " + parallel + " at once instead: " + dispatch.describe());
        }
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        running.add(stop);
        try {
            ParallelRuns.Outcome outcome = ParallelRuns.run(runs, catalog, jobs, parallel, plan.group(), synchronizedOn(sink),
                    stop);
            return StudyTables.report(study, plan, outcome, parallel);
        } finally {
            running.remove(stop);
        }
    }

    @Override
    public boolean stop() {
        boolean any = false;
        for (java.util.concurrent.atomic.AtomicBoolean s : running) {
            any |= !s.getAndSet(true);
        }
        return any;
    }

    /**
     * The recipe with its k-th seeds: the initial weights' and the example order's seeds moved by
     * k - 1 (seed 1 is the recipe itself); the split's seed stays, so every run sees the same data.
     */
    static Recipe seeded(Recipe recipe, int k) {
        long net = Long.parseLong(recipe.netSettings().getOrDefault("seed", "1"));
        long train = Long.parseLong(recipe.train().getOrDefault("seed", "1"));
        Recipe r = recipe;
        if (k > 1 || recipe.netSettings().containsKey("seed")) {
            r = r.withNet("seed", Long.toString(net + k - 1));
        }
        if (k > 1 || recipe.train().containsKey("seed")) {
            r = r.withTrain("seed", Long.toString(train + k - 1));
        }
        return r;
    }

    private static StudyListener synchronizedOn(StudyListener l) {
        return new StudyListener() {
            @Override
            public synchronized void runFinished(int done, int total, Trial trial, int seed,
                                                 org.ebp.api.experiments.RecipeResult result, double eta) {
                l.runFinished(done, total, trial, seed, result, eta);
            }

            @Override
            public synchronized void message(String text) {
                l.message(text);
            }
        };
    }

    @Override
    public List<String> table(StudyReport report) {
        return StudyFiles.text(report);
    }

    @Override
    public List<Path> save(StudyReport report, Path base) throws IOException {
        return StudyFiles.save(report, base, charts);
    }
}

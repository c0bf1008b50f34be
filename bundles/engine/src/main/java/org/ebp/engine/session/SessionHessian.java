package org.ebp.engine.session;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.data.Dataset;
import org.ebp.api.session.HessianTools;
import org.ebp.engine.training.BatchObjective;
import org.ebp.engine.training.ExampleGatherer;

/**
 * The session's {@link HessianTools}: validates the settings, builds a batch objective on a
 * seeded subset of a split at the current weights, and runs one method of
 * {@link HessianEigenvalues}. Made under the session's lock from a snapshot of what it needs.
 */
final class SessionHessian {

    /** Most eigenvalues Lanczos computes: its full reorthogonalisation costs about 9 k^2 n flops and 3 k n doubles. */
    static final int LANCZOS_K_LIMIT = 200;

    private static final List<ParameterSpec> COMMON = List.of(
            ParameterSpec.text("split", "auto", "split analysed: a split name, all, or auto (train if split, else all)"),
            ParameterSpec.integer("examples", 500, 0, Integer.MAX_VALUE, "examples of the split (a seeded subset); 0: all"),
            ParameterSpec.longInt("seed", 1, "seed of the subset and of the start vector"),
            ParameterSpec.choice("products", "exact", List.of("exact", "finite-difference"),
                    "Hessian-vector products by the R-operator or by differences of gradients (eqs 59, 63)"));

    static final List<ParameterSpec> EIG = concat(COMMON, List.of(
            ParameterSpec.choice("method", "power", List.of("power", "online", "exact"),
                    "power method on the batch (eq 60; shifted once more for both ends), online running estimate "
                    + "(eq 64), or the full Hessian (up to " + HessianEigenvalues.EXACT_LIMIT + " parameters)"),
            ParameterSpec.integer("iterations", 1000, 1, 1_000_000, "most power iterations"),
            ParameterSpec.real("tolerance", 1e-7, 0, 1, "power method stops when |psi| changes less than this (relative)"),
            ParameterSpec.integer("passes", 20, 1, 100000, "sweeps over the examples of the online estimate"),
            ParameterSpec.real("gamma", 0.005, 1e-6, 1, "gamma of the online estimate (eq 64)")));

    static final List<ParameterSpec> SPECTRUM = concat(COMMON, List.of(
            ParameterSpec.integer("k", 10, 1, 100000, "number of largest eigenvalues (Lanczos: at most " + LANCZOS_K_LIMIT
                    + ", and never more than the parameters)"),
            ParameterSpec.choice("method", "lanczos", List.of("lanczos", "exact"),
                    "Lanczos with full reorthogonalisation, or all eigenvalues of the full Hessian"),
            ParameterSpec.integer("steps", 0, 0, 100000, "Lanczos steps (0: max(3k, k + 30))")));

    private final Dataset data;
    private final String splitName;
    private final java.util.function.Function<Dataset, BatchObjective> objectives;
    private final ComputeService compute;
    private final double[] weights;

    /**
     * The Hessian tools on a session's current network and weights (a copy of them), lock held;
     * refused during training, since they hold the lock long.
     */
    static SessionHessian of(SessionState state, Settings s) {
        state.refuseWhileTrainingLocked("analyse the Hessian");
        state.requireData();
        if (state.model.network == null) {
            throw new IllegalStateException("no network; create one first, e.g. net in-30-out");
        }
        ComputeService c = state.choices.resolveCompute();
        SessionModel model = state.model;
        return new SessionHessian(state.data, d -> new BatchObjective(model.network, model.outputLoss, model.setup.loss(), c,
                new ExampleGatherer(d, model.coding, model.setup.levels(), model.network.outputWidth())), c,
                model.weights.clone(), s.getString("split"));
    }


    SessionHessian(SessionData sessionData, java.util.function.Function<Dataset, BatchObjective> objectives,
                   ComputeService compute, double[] weights, String split) {
        String name = split.equals("auto") ? (sessionData.isSplit() && sessionData.splits().containsKey("train")
                ? "train" : SessionData.ALL) : split;
        this.data = sessionData.part(name);
        this.splitName = name;
        this.objectives = objectives;
        this.compute = compute;
        this.weights = weights;
    }

    static Settings validate(String command, List<ParameterSpec> specs, Map<String, String> raw) {
        return Settings.parse(command, specs, raw == null ? Map.of() : raw);
    }

    private int[] subset(Settings s) {
        int size = data.size();
        int count = s.getInt("examples") == 0 ? size : Math.min(size, s.getInt("examples"));
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(s.getLong("seed"));
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(size - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.copyOf(order, count);
    }

    private BatchObjective objective(Settings s, int[] order) {
        BatchObjective objective = objectives.apply(data);
        objective.setHessianVectorMode(s.getString("products").equals("exact") ? BatchObjective.HessianVectorMode.EXACT
                : BatchObjective.HessianVectorMode.FINITE_DIFFERENCE);
        objective.setBatch(order, 0, order.length, true);
        return objective;
    }

    HessianTools.Spectrum largestEigenvalue(Settings s) {
        long started = System.nanoTime();
        int[] order = subset(s);
        BatchObjective objective = objective(s, order);
        String method = s.getString("method");
        int n = objective.dimension();
        switch (method) {
            case "exact" -> {
                double[] values = HessianEigenvalues.exactEigenvalues(objective, weights, compute);
                return result("exact", order.length, n, new double[] {values[0], values[n - 1]}, n, started,
                        "all " + n + " eigenvalues computed; lambda_min = " + (float) values[n - 1]);
            }
            case "online" -> {
                HessianEigenvalues.OnlineEstimate e = HessianEigenvalues.online(objective,
                        p -> objective.setBatch(order, p, 1, false), order.length, weights, s.getInt("passes"),
                        s.getDouble("gamma"), s.getLong("seed"));
                String passes = e.passes() + " passes, gamma=" + s.getDouble("gamma");
                if (!e.positive()) {
                    // eq 64 has no fixed point when no eigenvalue is positive: report the signed
                    // Rayleigh quotient instead of a meaningless |psi|, and say what to use
                    return result("online", order.length, n, new double[] {e.rayleigh()}, e.products(), started,
                            passes + "; no positive curvature found (Rayleigh quotient " + (float) e.rayleigh()
                                    + "): the online estimate (eq 64) finds only a positive lambda_max; "
                                    + "method=power gives a signed one");
                }
                return result("online", order.length, n, new double[] {e.magnitude()}, e.products(), started,
                        passes + "; |psi| averaged over the last pass (Rayleigh quotient " + (float) e.rayleigh() + ")");
            }
            default -> {
                HessianEigenvalues.Ends e = HessianEigenvalues.ends(objective, weights, s.getInt("iterations"),
                        s.getDouble("tolerance"), s.getLong("seed"));
                return result("power", order.length, n, new double[] {e.largest().value(), e.smallest().value()},
                        e.largest().products() + e.smallest().products(), started,
                        "lambda_max " + convergence(e.largest()) + ", lambda_min " + convergence(e.smallest())
                                + " (power method, then shifted by the dominant eigenvalue)");
            }
        }
    }

    HessianTools.Spectrum spectrum(Settings s) {
        long started = System.nanoTime();
        int[] order = subset(s);
        BatchObjective objective = objective(s, order);
        int n = objective.dimension();
        int asked = s.getInt("k");
        int k = Math.min(asked, n);
        String capped = k < asked ? "k=" + asked + " capped at the " + n + " parameters; " : "";
        if (s.getString("method").equals("exact")) {
            double[] all = HessianEigenvalues.exactEigenvalues(objective, weights, compute);
            return result("exact", order.length, n, java.util.Arrays.copyOf(all, k), n, started,
                    capped + "all " + n + " eigenvalues computed; smallest " + (float) all[n - 1]);
        }
        if (k > LANCZOS_K_LIMIT) {
            capped = "k=" + asked + " capped at " + LANCZOS_K_LIMIT + " (Lanczos costs about 9 k^2 n flops"
                    + (n <= HessianEigenvalues.EXACT_LIMIT ? "; method=exact gives all " + n : "") + "); ";
            k = LANCZOS_K_LIMIT;
        }
        int steps = Math.min(n, s.getInt("steps") == 0 ? Math.max(3 * k, k + 30) : s.getInt("steps"));
        requireMemory((long) (steps + 2) * n * Double.BYTES, steps + " Lanczos basis vectors of " + n + " parameters");
        double[] top = HessianEigenvalues.lanczos(objective, weights, k, steps, compute, s.getLong("seed"));
        return result("lanczos", order.length, n, top, steps, started,
                capped + steps + " Lanczos steps with full reorthogonalisation");
    }

    private static String convergence(HessianEigenvalues.Estimate e) {
        return (e.converged() ? "converged" : "not converged") + " after " + e.iterations() + " iterations";
    }

    /** Refuses work whose buffers would not fit in the heap that is free now, before allocating them. */
    private static void requireMemory(long bytes, String what) {
        Runtime r = Runtime.getRuntime();
        long free = r.maxMemory() - (r.totalMemory() - r.freeMemory());
        if (bytes > free / 2) {
            throw new IllegalArgumentException(what + " need " + Formats.bytes(bytes) + " but only " + Formats.bytes(free)
                    + " of heap is free; ask for a smaller k or steps=, or analyse a smaller network");
        }
    }

    private HessianTools.Spectrum result(String method, int examples, int n, double[] values, long products, long started,
                                         String note) {
        return new HessianTools.Spectrum(method, splitName, examples, n, values, products,
                (System.nanoTime() - started) / 1e9, note);
    }

    private static List<ParameterSpec> concat(List<ParameterSpec> a, List<ParameterSpec> b) {
        java.util.ArrayList<ParameterSpec> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}

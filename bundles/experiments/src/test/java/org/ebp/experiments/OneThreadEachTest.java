package org.ebp.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.compute.ComputeService;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.RecipeRunner;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.Trial;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.api.session.ComponentEntry;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: "no two thread pools fighting for two cores: each run single-threaded when several run
 * at once". A compute provider with a pool of 4 threads runs every run of a parallel study on one
 * and gets its 4 back afterwards; a study of one run at a time leaves it alone.
 */
class OneThreadEachTest {

    private final AtomicInteger threads = new AtomicInteger(4);
    private final List<Integer> seenByRuns = java.util.Collections.synchronizedList(new ArrayList<>());

    private final ComputeService pooled = (ComputeService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ComputeService.class}, (proxy, method, args) -> switch (method.getName()) {
                case "setThreads" -> threads.getAndSet((Integer) args[0]);
                case "threads" -> threads.get();
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final ComponentCatalog catalog = (ComponentCatalog) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ComponentCatalog.class}, (proxy, method, args) -> switch (method.getName()) {
                case "list" -> args[0] == ComponentKind.COMPUTE ? List.of(new ComponentEntry(ComponentKind.COMPUTE, "pooled",
                        "a provider with a thread pool", List.of(), "test 0.0.0", 0)) : List.of();
                case "get" -> pooled;
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final RecipeRunner runner = (RecipeRunner) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {RecipeRunner.class}, (proxy, method, args) -> {
                if (!method.getName().equals("run")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                seenByRuns.add(threads.get());
                return new RecipeResult(List.of(), new org.ebp.api.session.Evaluation("train", 10, 0.5, 0.9), null, 0.01,
                        "completed");
            });

    private Study study(int trials) {
        Recipe r = AblationOnDigitsTest.digitsRecipe(1);
        List<Trial> all = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            all.add(new Trial("t" + i, "", r.withTrain("batch", Integer.toString(i + 1))));
        }
        return new Study("sweep", "threads test", all, List.of());
    }

    @Test
    void parallelRunsAreSingleThreadedAndThePoolComesBack() {
        StudyService studies = new StudyService(runner, catalog, List.of());
        studies.run(study(3), new StudyPlan(2, Double.NaN, 2, "threads"), null);
        assertEquals(6, seenByRuns.size());
        assertTrue(seenByRuns.stream().allMatch(t -> t == 1), "every parallel run on one thread: " + seenByRuns);
        assertEquals(4, threads.get(), "the provider's 4 threads restored after the study");
    }

    @Test
    void oneRunAtATimeKeepsThePool() {
        StudyService studies = new StudyService(runner, catalog, List.of());
        studies.run(study(2), new StudyPlan(1, Double.NaN, 1, "threads"), null);
        assertEquals(List.of(4, 4), seenByRuns);
    }
}

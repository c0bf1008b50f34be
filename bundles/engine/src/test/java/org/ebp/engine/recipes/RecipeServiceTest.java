package org.ebp.engine.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.session.EpochReport;
import org.ebp.engine.runs.RunFolder;
import org.ebp.engine.session.Session;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's setup as a recipe, run in sessions of their own: the same numbers alone, twice, or two at once. */
class RecipeServiceTest {

    @TempDir
    Path home;

    private static Map<String, String> map(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    private RecipeService service() {
        return new RecipeService(TestCatalog.standard().index(), new TestComponents.SimpleSplitter(), new RunFolder(home));
    }

    /** The user's session: blobs, a split, centred inputs, a small net, sgd, 3 epochs evaluated on test. */
    private static Session trained() {
        Session s = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());
        try {
            s.loadData("blobs", Map.of());
            s.split(map("train=0.7", "test=0.3", "seed=5"));
            s.fitTransform("center", Map.of());
            s.createNetwork("in-6-out", map("seed=9", "output=softmax"));
            s.use(ComponentKind.OPTIMIZER, "sgd", map("lr=0.05"));
            s.train(3, map("batch=4", "seed=3", "eval=test"), null);
            return s;
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRecipeOfASessionRunsAloneToTheSameNumbersAndLeavesTheSessionAsItWas() throws Exception {
        RecipeService service = service();
        Session user = trained();
        try {
            List<EpochReport> own = user.epochs();
            double[] weights = user.weights();
            Recipe recipe = service.recipeOf(user, 0);
            assertEquals(3, recipe.epochs());
            assertEquals("blobs", recipe.data().name());
            assertEquals(List.of("center"), recipe.transformNames());
            assertEquals("sgd", recipe.component("optimizer").name());

            RecipeResult alone = service.run(recipe, "g1", null);
            assertEquals("completed", alone.outcome());
            assertEquals(3, alone.epochs().size());
            for (int i = 0; i < 3; i++) {
                assertEquals(Double.doubleToRawLongBits(own.get(i).trainLoss()), Double.doubleToRawLongBits(alone.epochs().get(i).trainLoss()));
                assertEquals(Double.doubleToRawLongBits(own.get(i).evalLoss()), Double.doubleToRawLongBits(alone.epochs().get(i).evalLoss()));
            }
            assertEquals(user.evaluate("test").loss(), alone.test().loss(), 0.0);
            assertEquals(user.evaluate("train").accuracy(), alone.train().accuracy(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(weights, user.weights(), "the user's session is untouched");

            List<RunRecord> runs = new RunFolder(home).list().runs();
            assertEquals(1, runs.size());
            assertEquals("g1", runs.get(0).group());
            assertEquals("completed", runs.get(0).outcome());
        } finally {
            user.close();
        }
    }

    @Test
    void twoRecipesAtOnceGiveTheNumbersEachGivesAlone() throws Exception {
        RecipeService service = service();
        Recipe base;
        Session user = trained();
        try {
            base = service.recipeOf(user, 4);
        } finally {
            user.close();
        }
        Recipe a = base.withNet("seed", "1");
        Recipe b = base.withNet("seed", "2").withComponent("optimizer", new Recipe.Step("sgd", map("lr=0.02")));
        RecipeResult aloneA = service.run(a, null, null);
        RecipeResult aloneB = service.run(b, null, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<RecipeResult> fa = pool.submit(() -> service.run(a, null, null));
            Future<RecipeResult> fb = pool.submit(() -> service.run(b, null, null));
            assertSame(aloneA, fa.get());
            assertSame(aloneB, fb.get());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(aloneA.epochs().get(3).trainLoss() != aloneB.epochs().get(3).trainLoss(), "different recipes, different runs");
    }

    @Test
    void anInterruptStopsTheRunAndTheResultSaysSo() throws Exception {
        RecipeService service = service();
        Recipe recipe;
        Session user = trained();
        try {
            recipe = service.recipeOf(user, 100_000);
        } finally {
            user.close();
        }
        Thread.currentThread().interrupt();
        RecipeResult stopped;
        try {
            stopped = service.run(recipe, null, null);
        } finally {
            Thread.interrupted();
        }
        assertTrue(stopped.outcome().startsWith("stopped after "), stopped.outcome());
        assertTrue(stopped.epochs().size() < 100_000);
        assertNotNull(stopped.train());
    }

    @Test
    void aRecipeNamingAMissingComponentIsRefusedInOneLine() {
        RecipeService service = service();
        Session user = trained();
        Recipe recipe;
        try {
            recipe = service.recipeOf(user, 0).withComponent("optimizer", new Recipe.Step("no-such", Map.of()));
        } finally {
            user.close();
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> service.run(recipe, null, null));
        assertTrue(e.getMessage().contains("no-such"), e.getMessage());
        assertEquals(0, new RunFolder(home).list().runs().size(), "nothing ran");
    }

    private static void assertSame(RecipeResult expected, RecipeResult actual) {
        assertEquals(expected.epochs().size(), actual.epochs().size());
        for (int i = 0; i < expected.epochs().size(); i++) {
            assertEquals(Double.doubleToRawLongBits(expected.epochs().get(i).trainLoss()),
                    Double.doubleToRawLongBits(actual.epochs().get(i).trainLoss()), "epoch " + (i + 1));
            assertEquals(Double.doubleToRawLongBits(expected.epochs().get(i).evalLoss()),
                    Double.doubleToRawLongBits(actual.epochs().get(i).evalLoss()), "epoch " + (i + 1));
        }
        assertEquals(expected.test().loss(), actual.test().loss(), 0.0);
    }
}

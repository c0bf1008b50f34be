package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * Keeping work from the shell in Felix: model save/load, checkpoint save/load and checkpoints
 * during training, weights export/import, a reset that keeps the trained network, and bad files
 * refused with one line.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KeepModelIT {

    private static final Pattern EVALUATION = Pattern.compile("(?m)^test: 359 examples, loss \\S+, accuracy \\S+%$");
    /** An epoch line without its seconds. */
    private static final Pattern EPOCH_3 = Pattern.compile("(?m)^(epoch   3  step .*lr \\S+)  \\S+ s$");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    @Test
    public void modelsCheckpointsAndWeightsComeBackExactly() throws Exception {
        Services.await(context, org.ebp.api.session.Workbench.class);
        Path dir = Files.createTempDirectory("keep-model-it");
        String prepare = String.join("\n", "data load digits", "data split train=0.8 test=0.2 seed=42");
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            String first = gogo.run(String.join("\n", prepare, "transform standardize",
                    "net 64-30-10 activation=scaled-tanh coding=pm1 seed=1", "use optimizer momentum lr=0.005 mu=0.9",
                    "use schedule annealing t0=20000",
                    "train 2 eval=test checkpoint=" + dir.resolve("ckpt") + " every=1 keep=2",
                    "model save " + dir.resolve("model.json"), "weights export " + dir.resolve("net.npz"),
                    "weights export " + dir.resolve("net.npy"), "evaluate test", "train 1 eval=test", "reset"));
            assertTrue(first, first.contains("checkpoint " + dir.resolve("ckpt").resolve("epoch-0002.ckpt.json")));
            assertTrue(first, first.contains("exported 2260 weights of 64-30-10"));
            assertTrue(first, first.contains("kept the trained network 64-30-10"));
            assertTrue(first, first.contains("before reset; model undo brings it back"));
            String saved = only(EVALUATION, first);
            String straight = only(EPOCH_3, first);

            String second = gogo.run(String.join("\n", prepare, "model load " + dir.resolve("model.json"), "evaluate test",
                    "weights import " + dir.resolve("net.npy"), "evaluate test",
                    "checkpoint load " + dir.resolve("ckpt").resolve("epoch-0002.ckpt.json"), "train 1 eval=test"));
            assertTrue(second, second.contains("loaded standardize from " + dir.resolve("model.json")));
            Matcher evaluations = EVALUATION.matcher(second);
            assertTrue(second, evaluations.find());
            assertEquals("the loaded model evaluates as saved", saved, evaluations.group());
            assertTrue(second, evaluations.find());
            assertEquals("the imported weights evaluate as saved", saved, evaluations.group());
            assertTrue(second, second.contains("continue with: train N batch=1 seed=1 eval=test"));
            assertEquals("the resumed epoch 3 is the straight run's", straight, only(EPOCH_3, second));

            // predict through the shell: three new rows without labels, then with them; a narrow file is refused
            String row = "0,".repeat(32) + "16,".repeat(31) + "16";
            Path plain = Files.writeString(dir.resolve("new.csv"), row + "\n" + row + "\n" + row + "\n");
            Path labelled = Files.writeString(dir.resolve("labelled.csv"), row + ",3\n" + row + ",3\n" + row + ",5\n");
            String predicted = gogo.run(String.join("\n", "predict " + plain + " out=" + dir.resolve("p.csv"),
                    "predict " + labelled + " out=" + dir.resolve("q.csv")));
            assertTrue(predicted, predicted.contains("predicted 3 examples of 'new' (64 features, through the session's 1 "
                    + "fitted transform, no answers in the data)"));
            assertTrue(predicted, predicted.contains("labelled: 3 examples, loss "));
            java.util.List<String> rows = Files.readAllLines(dir.resolve("q.csv"));
            assertEquals(4, rows.size());
            assertTrue(rows.get(0), rows.get(0).startsWith("predicted,output_0,output_1,") && rows.get(0).endsWith(",label"));
            assertEquals(rows.get(1), rows.get(2));
            Files.writeString(dir.resolve("narrow.csv"), "1,2\n");
            refused(gogo, "predict " + dir.resolve("narrow.csv") + " out=" + dir.resolve("r.csv"),
                    "has 2 columns but the network takes 64 features");

            refused(gogo, "model load " + dir.resolve("net.npz"), "is not a text file (not UTF-8), so not a ebp-model file");
            refused(gogo, "weights import " + dir.resolve("model.json"), "is not a NumPy .npy array or .npz archive");
            refused(gogo, "checkpoint load " + dir.resolve("model.json"), "has format 'ebp-model', not 'ebp-checkpoint'");
            refused(gogo, "model save " + dir, "");
            refused(gogo, "model frobnicate", "unknown model action 'frobnicate'; usage: model save FILE");
        }
    }

    private static void refused(GogoScriptSession gogo, String command, String part) {
        try {
            gogo.execute(command);
            fail(command + " was not refused");
        } catch (Exception e) {
            assertTrue(e.getMessage(), e.getMessage().contains(part));
            assertEquals(e.getMessage(), 1, e.getMessage().lines().count());
        }
    }

    private static String only(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(text, m.find());
        String found = m.groupCount() > 0 ? m.group(1) : m.group();
        assertTrue("one match of " + p + " in\n" + text, !m.find());
        return found;
    }
}

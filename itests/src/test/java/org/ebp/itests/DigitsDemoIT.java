package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.ebp.api.session.Evaluation;
import org.ebp.api.session.Workbench;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The README's main job, run in a real Felix through the shell: the demo script trains digits with
 * the paper's recipe and must reach at least 95% test accuracy on the held-out split.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DigitsDemoIT {

    private static final Pattern EPOCH_LINE = Pattern.compile("(?m)^epoch +(\\d+) .*train loss (\\S+).*test acc (\\S+)%.* s$");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    @Test
    public void demoScriptReachesNinetyFivePercentOnTheTestSplit() throws Exception {
        Workbench workbench = Services.await(context, Workbench.class);
        String output;
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            output = gogo.run(Path.of(System.getProperty("ebp.examples"), "digits-demo.gosh"));
        }
        System.out.println(output);

        // One progress line per epoch, numbered 1..30, each with training loss and test accuracy.
        Matcher m = EPOCH_LINE.matcher(output);
        int lines = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        while (m.find()) {
            lines++;
            assertEquals(lines, Integer.parseInt(m.group(1)));
            lastLoss = Double.parseDouble(m.group(2));
            if (lines == 1) {
                firstLoss = lastLoss;
            }
        }
        assertEquals("epoch lines in\n" + output, 30, lines);
        assertTrue("training loss should fall: " + firstLoss + " -> " + lastLoss, lastLoss < firstLoss);

        // The session the script built is the workbench's current one: evaluate it directly too.
        Evaluation test = workbench.session().evaluate("test");
        // 20% of 1,797 examples, stratified: each class rounds on its own, so allow a few either way.
        assertTrue("test split of " + test.examples() + " examples", Math.abs(test.examples() - 0.2 * 1797) < 6);
        assertTrue("test accuracy " + test.accuracy() + " below 0.95\n" + output, test.accuracy() >= 0.95);
        assertTrue(output, output.contains("test: " + test.examples() + " examples"));
    }
}

package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.junit.jupiter.api.Test;

/** What runs list, show, compare and export print for known records. */
class RunTablesTest {

    private static RunRecord run(String id, String lr, double evalAccuracy, String outcome) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("data.source", "digits");
        c.put("data.name", "digits");
        c.put("net.spec", "64-30-10");
        c.put("optimizer", "sgd");
        c.put("optimizer.lr", lr);
        c.put("train.epochs", "2");
        c.put("train.from-step", id);
        List<EpochReport> epochs = List.of(
                new EpochReport(1, 1438, 0.9, "test", 0.6, 0.9, 0.01, 0.1),
                new EpochReport(2, 2876, 0.5, "test", 0.4, evalAccuracy, 0.01, 0.1));
        return new RunRecord(id, null, 1_796_083_200_000L, c, new LinkedHashMap<>(Map.of("init", 1L)), epochs,
                List.of(new SessionEvent(1438, 1, "swap", "optimizer sgd lr=0.02 (from step 1439)", 0)), outcome, 0.25, List.of());
    }

    @Test
    void compareShowsOnlyTheSettingsThatDifferThenTheFinalMetrics() {
        List<String> lines = RunTables.compare(List.of(run("1", "0.01", 0.95, "completed"), run("2", "0.02", 0.9625, "completed")));
        assertEquals(List.of(
                "setting       run 1                        run 2",
                "optimizer.lr  0.01                         0.02",
                "epochs        1-2                          1-2",
                "train loss    0.5000                       0.5000",
                "eval          test loss 0.4000 acc 95.00%  test loss 0.4000 acc 96.25%",
                "wall time     0.25 s                       0.25 s",
                "outcome       completed                    completed",
                "1 setting differs; 5 are the same"), lines);
    }

    @Test
    void listHasOneLinePerRunAndSaysWhenARunHasNoEnd() {
        List<String> lines = RunTables.list(List.of(run("1", "0.01", 0.95, "completed"), run("2", "0.02", 0.96, null)));
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("run  started (UTC)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1    2026-12-01 00:00:00Z  -      digits  64-30-10  sgd lr=0.01"), lines.get(1));
        assertTrue(lines.get(2).endsWith("unfinished (no end line: still running, or the workbench stopped during it)"), lines.get(2));
    }

    @Test
    void showListsConfigurationEpochsAndEvents() {
        List<String> lines = RunTables.show(run("3", "0.01", 0.95, "completed"));
        assertEquals("run 3, started 2026-12-01 00:00:00Z, completed, 0.25 s", lines.get(0));
        assertTrue(lines.contains("  optimizer.lr = 0.01"), lines.toString());
        assertTrue(lines.contains("seeds: init=1"), lines.toString());
        assertTrue(lines.contains("  step     1438  swap     optimizer sgd lr=0.02 (from step 1439)"), lines.toString());
    }

    @Test
    void csvKeepsNumbersExactAndQuotesCommas() {
        RunRecord r = run("1", "0.01", 0.95, "ended after 1 of 2 epochs: loss became NaN, lower lr");
        String csv = RunTables.csv(List.of(r), false);
        String[] lines = csv.split("\n");
        assertEquals(2, lines.length);
        assertEquals("run,group,started,outcome,wall_seconds,epoch,step,train_loss,eval_split,eval_loss,eval_accuracy,"
                + "learning_rate,epoch_seconds,data.source,data.name,net.spec,optimizer,optimizer.lr,train.epochs,train.from-step",
                lines[0]);
        assertEquals("1,,2026-12-01 00:00:00Z,\"ended after 1 of 2 epochs: loss became NaN, lower lr\",0.25,2,2876,0.5,test,"
                + "0.4,0.95,0.01,0.1,digits,digits,64-30-10,sgd,0.01,2,1", lines[1]);
        assertEquals(3, RunTables.csv(List.of(r), true).split("\n").length, "a header and one row per epoch");
    }
}

package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.optim.Schedule;
import org.ebp.api.session.EpochReport;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue #14, point 4: the schedule context says where the run and the schedule's use began, and the plan. */
class ScheduleRunContextTest {

    /** Records every context it is given; the rate is the base rate. */
    static final class Recording implements Schedule {
        final List<Context> seen = new CopyOnWriteArrayList<>();

        @Override public String name() { return "recording"; }
        @Override public String description() { return "records its contexts (test double)"; }
        @Override public boolean readsWeights() { return false; }
        @Override public double rate(Context context, State state, Settings settings) {
            seen.add(context);
            return context.baseRate();
        }
    }

    private final TestCatalog catalog = TestCatalog.standard();
    private final Recording recording = new Recording();
    private final Session session = new Session(catalog.index(), new TestComponents.SimpleSplitter());

    ScheduleRunContextTest() throws DataFormatException {
        catalog.add(ComponentKind.SCHEDULE, recording);
        session.loadData("blobs", Map.of());
        session.split(Map.of("train", "0.7", "test", "0.3"));
        session.createNetwork("in-6-out", Map.of());
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aScheduleChosenBeforeASecondRunCountsFromThatRun() {
        session.train(1, Map.of("batch", "10", "eval", "none"), null); // 210 examples: 21 steps
        session.use(ComponentKind.SCHEDULE, "recording", Map.of());
        session.train(3, Map.of("batch", "10", "eval", "none"), null);
        Schedule.Context first = recording.seen.get(0);
        assertEquals(21, first.step());
        assertEquals(21, first.runStartStep());
        assertEquals(21, first.useStartStep());
        assertEquals(63, first.plannedSteps(), "3 epochs of 21 steps");
        assertEquals(0, first.stepsInUse());
        Schedule.Context last = recording.seen.get(recording.seen.size() - 1);
        assertEquals(62, last.stepsInUse());
        assertEquals(63, last.plannedStepsInUse());
    }

    @Test
    void aScheduleChosenMidRunCountsFromWhereItWasChosen() throws Exception {
        session.train(1, Map.of("batch", "10", "eval", "none"), null);
        Future<List<EpochReport>> run = session.trainInBackground(2000, Map.of("batch", "10", "eval", "none"), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (session.status().step() < 60 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        session.use(ComponentKind.SCHEDULE, "recording", Map.of());
        while (recording.seen.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        session.stop();
        run.get(20, TimeUnit.SECONDS);
        Schedule.Context first = recording.seen.get(0);
        assertEquals(21, first.runStartStep(), "the second run started after the first run's 21 steps");
        assertTrue(first.useStartStep() >= 60, "chosen at step " + first.useStartStep());
        assertEquals(first.step(), first.useStartStep(), "its first step is the step it was chosen at");
        assertEquals(0, first.stepsInUse());
        assertEquals(2000L * 21, first.plannedSteps());
        assertEquals(21 + 2000L * 21 - first.useStartStep(), first.plannedStepsInUse());
        assertEquals(1, recording.seen.get(1).stepsInUse());
    }
}

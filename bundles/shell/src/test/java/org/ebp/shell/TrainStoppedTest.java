package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;
import org.ebp.api.session.SessionStatus;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.junit.jupiter.api.Test;

/**
 * What {@code train} says when Ctrl-C (or stop) cut it short, also when the cut-short epoch is the
 * only one asked for and still reports: stopped, where, and that the weights are kept.
 */
class TrainStoppedTest {

    private final List<SessionEvent> history = new ArrayList<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private TrainingCommands command(boolean stopDuringTrain) throws Exception {
        Object session = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TrainingSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "trainSettings" -> SessionDeclarations.TRAIN;
                    case "train" -> {
                        if (stopDuringTrain) {
                            history.add(new SessionEvent(69523, 1, "stop", "stop requested at step 69523",
                                    System.currentTimeMillis()));
                        }
                        // a cut-short epoch reports too: 9,523 of its 60,000 steps
                        yield List.of(new EpochReport(2, stopDuringTrain ? 69523 : 120000, 0.57, "test", 0.58, 0.82,
                                0.001, 8.4));
                    }
                    case "history" -> List.copyOf(history);
                    case "status" -> new SessionStatus("ready", "fashion-mnist", Map.of(), List.of(), "784-30-10", 23860,
                            Map.of(), 2, stopDuringTrain ? 69523 : 120000, null, Map.of());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Workbench workbench = (Workbench) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Workbench.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("session")) {
                        return session;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        TrainingCommands command = new TrainingCommands();
        Field field = TrainingCommands.class.getDeclaredField("workbench");
        field.setAccessible(true);
        field.set(command, workbench);
        return command;
    }

    private String train(boolean stop) throws Exception {
        history.add(new SessionEvent(0, 0, "stop", "an older stop, before this train", System.currentTimeMillis() - 60_000));
        PrintStream saved = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            command(stop).train((CommandSession) null, 1);
        } finally {
            System.setOut(saved);
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStoppedSingleEpochSaysStoppedAndThatTheWeightsAreKept() throws Exception {
        String out = train(true);
        assertTrue(out.contains("stopped at step 69523, in epoch 2, after 8.40 s (1 of 1 epochs asked for); the weights "
                + "are kept, train continues from here"), out);
        assertTrue(!out.contains("trained 1 epoch"), out);
    }

    @Test
    void aRunThatEndedByItselfSaysTrained() throws Exception {
        assertEquals("trained 1 epoch in 8.40 s" + System.lineSeparator(), train(false));
    }
}

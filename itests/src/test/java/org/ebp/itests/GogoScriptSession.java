package org.ebp.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs Gogo commands and scripts in one session, as {@code workbench script.gosh} does, and captures
 * everything they print: each command echoed as {@code g! <command>}, then its output and its result.
 *
 * <p>For use inside the container:
 * <pre>{@code
 * @Inject CommandProcessor processor;
 * try (GogoScriptSession gogo = new GogoScriptSession(processor)) {
 *     String output = gogo.run(Path.of(System.getProperty("ebp.examples"), "digits-demo.gosh"));
 *     assertTrue(output, output.contains("accuracy"));
 * }
 * }</pre>
 * A failing command ends the script with an {@link AssertionError} naming the line, the command and
 * the message, followed by everything printed so far. Scripts are run one line per command; blank
 * lines and lines starting with {@code #} are skipped (blocks spanning lines are not supported here).
 */
public final class GogoScriptSession implements AutoCloseable {

    /** The launcher's command search path: ebp commands first, then Gogo's, then any scope. */
    public static final String SCOPE = "ebp:gogo:*";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    // Never System.out: Gogo replaces it with a stream that forwards to the session, which would recurse.
    private final PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
    private final CommandSession session;

    public GogoScriptSession(CommandProcessor processor) {
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        session.put("SCOPE", SCOPE);
    }

    /** Executes one command, echoing it and printing its result; throws what the command threw. */
    public Object execute(String command) throws Exception {
        out.println("g! " + command);
        Object result = session.execute(command);
        if (result != null) {
            out.println(session.format(result, Converter.INSPECT));
        }
        out.flush();
        return result;
    }

    /**
     * Runs a script's lines and returns what they printed.
     *
     * @throws AssertionError at the first failing command: {@code line N: <command>: <message>}, then
     *                        the output so far; the command's exception is the cause
     */
    public String run(String script) {
        int start = captured.size();
        List<String> lines = script.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String command = lines.get(i).strip();
            if (command.isEmpty() || command.startsWith("#")) {
                continue;
            }
            try {
                execute(command);
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                throw new AssertionError("line " + (i + 1) + ": " + command + ": " + message
                        + System.lineSeparator() + "--- output ---" + System.lineSeparator() + output(), e);
            }
        }
        return output().substring(outputLengthAt(start));
    }

    /** Runs a script file (UTF-8) and returns what it printed. */
    public String run(Path script) throws IOException {
        return run(Files.readString(script, StandardCharsets.UTF_8));
    }

    /** Everything this session printed so far. */
    public String output() {
        out.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** The session itself, for variables ({@code get}/{@code put}) and anything else. */
    public CommandSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }

    private int outputLengthAt(int byteOffset) {
        return new String(captured.toByteArray(), 0, byteOffset, StandardCharsets.UTF_8).length();
    }
}

package org.ebp.shell.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.felix.gogo.jline.Expander;
import org.apache.felix.gogo.jline.Highlighter;
import org.apache.felix.gogo.jline.ParsedLineImpl;
import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Job;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentEntry;
import org.ebp.api.session.Workbench;
import org.ebp.shell.CommandIndex;
import org.ebp.shell.HelpCommands;
import org.ebp.shell.RunCommands;
import org.ebp.shell.StudyJobs;
import org.ebp.shell.ShellErrors;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The interactive shell: JLine line editing and history, TAB completion from the command
 * declarations, Gogo's parser and highlighting, one-line errors, and Ctrl-C that interrupts the
 * running command instead of ending the workbench. Ctrl-D and {@code exit} ask before a running
 * training is discarded.
 */
final class ConsoleLoop {

    /** Set in the console's session: commands may draw an updating progress line. */
    static final String INTERACTIVE_VARIABLE = org.ebp.shell.ProgressLine.INTERACTIVE_VARIABLE;
    /** JLine's terminal providers, best first (the launcher makes the default "dumb"; see there). */
    private static final String[] TERMINAL_PROVIDERS = {"jni", "exec"};
    private static final Signal INT = new Signal("INT");

    private final BundleContext context;
    private final CommandProcessor processor;
    private final CommandIndex index;
    private final Workbench workbench;
    private final RunCommands runs;
    private final StudyJobs studies;
    private volatile Terminal terminal;
    private volatile boolean closing;

    ConsoleLoop(BundleContext context, CommandProcessor processor, CommandIndex index, Workbench workbench,
                RunCommands runs, StudyJobs studies) {
        this.context = context;
        this.processor = processor;
        this.index = index;
        this.workbench = workbench;
        this.runs = runs;
        this.studies = studies;
    }

    void run() {
        try (Terminal t = openTerminal()) {
            terminal = t;
            CommandSession session = processor.createSession(t.input(), t.output(), t.output());
            try {
                loop(t, session);
            } finally {
                session.close();
            }
        } catch (IOException e) {
            System.err.println("workbench: cannot open the terminal: " + e.getMessage());
        }
    }

    /** The system terminal: JNI first, then stty (exec); a dumb one when there is no terminal. */
    private static Terminal openTerminal() throws IOException {
        // JLine finds its providers through the context class loader; in OSGi that must be JLine's own.
        Thread.currentThread().setContextClassLoader(TerminalBuilder.class.getClassLoader());
        Terminal found = null;
        for (String provider : TERMINAL_PROVIDERS) {
            Terminal t = TerminalBuilder.builder().name("ebp").system(true).provider(provider).nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN).dumb(true).build();
            boolean dumb = Terminal.TYPE_DUMB.equals(t.getType()) || Terminal.TYPE_DUMB_COLOR.equals(t.getType());
            if (!dumb) {
                if (found != null) {
                    found.close();
                }
                return t;
            }
            if (found == null) {
                found = t;
            } else {
                t.close();
            }
        }
        return found;
    }

    /** Ends the console (the bundle is stopping). */
    void close() {
        closing = true;
        Terminal t = terminal;
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                // closing on the way out
            }
        }
    }

    private void loop(Terminal t, CommandSession session) {
        session.put(".terminal", t);
        session.put(org.ebp.shell.ProgressLine.TERMINAL_VARIABLE, new java.io.PrintStream(new java.io.FilterOutputStream(t.output()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                super.flush();
                t.flush();
            }
        }, true, t.encoding()));
        session.put(INTERACTIVE_VARIABLE, !Terminal.TYPE_DUMB.equals(t.getType())
                && !Terminal.TYPE_DUMB_COLOR.equals(t.getType()));
        HistoryFile historyFile = new HistoryFile(userHome().resolve("history"));
        WordCompleter words = new WordCompleter(index, completionContext(session));
        LineReader reader = LineReaderBuilder.builder().appName("ebp").terminal(t)
                .completer(new JLineCompleter(words))
                .parser(new Parser())
                .highlighter(new Highlighter(session))
                .expander(new Expander(session))
                .variable(LineReader.HISTORY_SIZE, HistoryFile.MAX_LINES)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%M%P > ")
                .build();
        reader.setOpt(LineReader.Option.AUTO_FRESH_LINE);
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        session.put(".reader", reader);
        History history = reader.getHistory();
        for (String command : historyFile.load()) {
            history.add(command);
        }
        profile(session, t);
        while (!closing) {
            String line;
            try {
                line = reader.readLine(prompt(session));
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt drops the line
            } catch (EndOfFileException e) {
                if (closing || confirmQuit(reader, t)) {
                    quit(session);
                    return;
                }
                continue;
            } catch (java.io.IOError | IllegalStateException e) {
                if (closing) {
                    return; // the terminal closed under the reader: the bundle is stopping
                }
                throw e;
            }
            if (line.isBlank()) {
                continue;
            }
            saveHistory(historyFile, history, t);
            ParsedLine parsed = reader.getParsedLine();
            if (isExit(parsed) && !confirmQuit(reader, t)) {
                continue;
            }
            execute(session, t, parsed, line);
        }
    }

    private void execute(CommandSession session, Terminal t, ParsedLine parsed, String line) {
        // Ctrl-C while a command runs: interrupt it (train stops at the next step); never the workbench.
        // The JVM's handler is replaced for the command's time only; JLine has its own at the prompt.
        SignalHandler previous = Signal.handle(INT, signal -> interrupt(session));
        try {
            Object result = parsed instanceof ParsedLineImpl gogo ? session.execute(gogo.program()) : session.execute(line);
            session.put("_", result);
            if (result != null && !Boolean.FALSE.equals(session.get(".Gogo.format"))) {
                t.writer().println(session.format(result, Converter.INSPECT));
            }
        } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
            session.put("exception", e);
            Thread.interrupted(); // a Ctrl-C that ended the command is used up
            printError(t, ShellErrors.oneLine(e, index, knownCommands(session)));
        } finally {
            Signal.handle(INT, previous);
        }
        t.flush();
    }

    /**
     * Ctrl-C during a command. A foreground train is asked to stop at the next step boundary, so it
     * returns normally with its weights and reports; any other command's job is interrupted.
     */
    private void interrupt(CommandSession session) {
        if (studies.stopForeground()) {
            return; // ablate or sweep holding the prompt: its runs stop at their next step and it prints what ended
        }
        String state = workbench.session().status().state();
        if (!runs.running() && (state.startsWith("training") || state.startsWith("paused"))) {
            workbench.session().stop();
            return;
        }
        Job job = session.foregroundJob();
        if (job != null) {
            job.interrupt();
        }
    }

    private void printError(Terminal t, String message) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).append("error: ").append(message)
                .style(AttributedStyle.DEFAULT);
        t.writer().println(b.toAnsi(t));
        t.flush();
    }

    private boolean isExit(ParsedLine parsed) {
        List<String> w = parsed.words();
        return !w.isEmpty() && (w.get(0).equals("exit") || w.get(0).equals("launcher:exit"));
    }

    /** True when nothing is training and no study is running, or the user agrees to discard it. */
    private boolean confirmQuit(LineReader reader, Terminal t) {
        String state = workbench.session().status().state();
        boolean training = runs.running() || state.startsWith("training") || state.startsWith("paused");
        String study = studies.statusLine();
        if (!training && study == null) {
            return true;
        }
        String what = training ? "a training run is going (" + state + ")"
                : "a study is running (" + study + "; its table is not saved yet)";
        try {
            String answer = reader.readLine(what + "; quit and discard it? [y/N] ");
            return answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes");
        } catch (UserInterruptException | EndOfFileException e) {
            t.writer().println();
            return false;
        }
    }

    private void quit(CommandSession session) {
        try {
            session.execute("exit"); // the launcher's: stops the framework and ends the process
        } catch (Exception e) {
            try {
                context.getBundle(0).stop(); // no launcher (an embedded framework): stop Felix itself
            } catch (BundleException | RuntimeException stop) {
                // stopping is best effort
            }
        }
    }

    private void saveHistory(HistoryFile file, History history, Terminal t) {
        List<String> commands = new ArrayList<>();
        for (History.Entry e : history) {
            commands.add(e.line());
        }
        try {
            file.save(commands);
        } catch (IOException | RuntimeException e) {
            t.writer().println("warning: the history is not kept: " + e.getMessage());
        }
    }

    /** Reads etc/gosh_profile of the distribution into this session (search path, prompt, welcome text). */
    private void profile(CommandSession session, Terminal t) {
        String home = context.getProperty("gosh.home");
        Path profile = home == null ? null : Path.of(home, "etc", "gosh_profile");
        session.put("SCOPE", "ebp:gogo:*");
        if (profile == null || !Files.isRegularFile(profile)) {
            return;
        }
        try {
            session.put("0", profile.toUri());
            session.execute(Files.readString(profile, StandardCharsets.UTF_8));
        } catch (Exception e) {
            printError(t, "in " + profile + ": " + ShellErrors.oneLine(e, index, Set.of()));
        }
        Path motd = profile.resolveSibling("motd");
        try {
            if (Files.isRegularFile(motd)) {
                t.writer().print(Files.readString(motd, StandardCharsets.UTF_8));
                t.flush();
            }
        } catch (IOException e) {
            // no welcome text; the shell works without it
        }
    }

    private static String prompt(CommandSession session) {
        Object p = session.get("prompt");
        return p == null ? "g! " : p.toString();
    }

    private Path userHome() {
        String home = context.getProperty("ebp.user.home");
        return home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".ebp-workbench");
    }

    private Set<String> knownCommands(CommandSession session) {
        Set<String> all = HelpCommands.allCommands(session);
        all.addAll(index.names());
        return all;
    }

    private CompletionContext completionContext(CommandSession session) {
        return new CompletionContext() {
            @Override
            public Set<String> otherCommands() {
                return HelpCommands.allCommands(session);
            }

            @Override
            public List<ComponentEntry> components(ComponentKind kind) {
                return workbench.catalog().list(kind);
            }

            @Override
            public Set<String> splits() {
                return workbench.session().status().splits().keySet();
            }

            @Override
            public Path currentDir() {
                return session.currentDir();
            }
        };
    }
}

package org.ebp.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A Gogo {@code CommandSession}, driven by reflection.
 *
 * <p>The command API ({@code org.apache.felix.service.command}) lives in the gogo.runtime bundle, and the
 * shell bundle imports it from there. The launcher stays off that package on purpose: exporting it from
 * the system bundle as well would give the framework two providers to choose between. It loads the
 * interfaces through the bundle that registered the {@code CommandProcessor} and calls them reflectively.
 */
final class GogoSession implements AutoCloseable {

    static final String COMMAND_PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    static final String COMMAND_SESSION = "org.apache.felix.service.command.CommandSession";
    /** {@code Converter.INSPECT}: the detailed format the interactive shell prints results in. */
    private static final int INSPECT = 0;

    private final Object session;
    private final Method execute;
    private final Method format;
    private final Method put;
    private final Method close;

    private GogoSession(Object session, Class<?> sessionType) throws NoSuchMethodException {
        this.session = session;
        this.execute = sessionType.getMethod("execute", CharSequence.class);
        this.format = sessionType.getMethod("format", Object.class, int.class);
        this.put = sessionType.getMethod("put", String.class, Object.class);
        this.close = sessionType.getMethod("close");
    }

    /**
     * Opens a session on the registered {@code CommandProcessor}.
     *
     * @param out must not be {@code System.out}: Gogo replaces {@code System.out} with a stream that
     *            forwards to the session's output, so passing it back in makes every print recurse
     * @throws LaunchException when no command processor is registered or its API does not match
     */
    static GogoSession open(BundleContext context, InputStream in, OutputStream out, OutputStream err) throws LaunchException {
        ServiceReference<?> reference = context.getServiceReference(COMMAND_PROCESSOR);
        if (reference == null) {
            throw new LaunchException(LaunchException.NOT_READY, "no " + COMMAND_PROCESSOR
                    + " service; is org.apache.felix.gogo.runtime in the feature and active?");
        }
        Object processor = context.getService(reference);
        Bundle provider = reference.getBundle();
        if (processor == null || provider == null) {
            throw new LaunchException(LaunchException.NOT_READY, "the Gogo command processor went away while starting");
        }
        try {
            Class<?> processorType = provider.loadClass(COMMAND_PROCESSOR);
            Class<?> sessionType = provider.loadClass(COMMAND_SESSION);
            Method create = processorType.getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class);
            Object session = create.invoke(processor, in, out, err);
            return new GogoSession(session, sessionType);
        } catch (ReflectiveOperationException e) {
            throw new LaunchException(LaunchException.NOT_READY, "cannot open a Gogo session with " + provider.getSymbolicName()
                    + " " + provider.getVersion() + ": " + unwrap(e), e);
        }
    }

    /** Executes one command (a Gogo program) and returns its result; throws what the command threw. */
    Object execute(String command) throws Exception {
        try {
            return execute.invoke(session, command);
        } catch (InvocationTargetException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(cause);
        }
    }

    /** A result as the interactive shell prints it. */
    CharSequence format(Object result) throws Exception {
        try {
            return (CharSequence) format.invoke(session, result, INSPECT);
        } catch (InvocationTargetException e) {
            Throwable cause = unwrap(e);
            throw cause instanceof Exception exception ? exception : e;
        }
    }

    /** Sets a session variable. */
    void put(String name, Object value) throws LaunchException {
        try {
            put.invoke(session, name, value);
        } catch (ReflectiveOperationException e) {
            throw new LaunchException(LaunchException.NOT_READY, "cannot set Gogo variable " + name + ": " + unwrap(e), e);
        }
    }

    @Override
    public void close() {
        try {
            close.invoke(session);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Closing happens on the way out; the framework is stopped right after anyway.
        }
    }

    /** The exception a command really threw, without the reflection wrappers around it. */
    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Longer messages are cut: they quote huge input that the code raising them should have cut itself. */
    static final int MAX_MESSAGE_CHARS = 1000;

    /** The one-line message of a failure: its message, or its class name when it has none. */
    static String message(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof OutOfMemoryError) {
            long max = Runtime.getRuntime().maxMemory() >> 20;
            return "out of memory (the " + max + " MB heap is full); use smaller data or a smaller network,"
                    + " or more heap, e.g. EBP_JAVA_OPTS=-Xmx8g";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getName();
        }
        return message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS - 40) + "... (" + message.length() + " characters)";
    }

    /** Prints a result the way the interactive shell does; nothing for null. */
    void printResult(Object result, PrintStream out) throws Exception {
        if (result != null) {
            out.println(format(result));
        }
    }
}

package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.service.command.CommandSession;
import org.ebp.api.session.HessianTools;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.ebp.io.FileRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hessian spectrum file=FILE} onto devices, FIFOs, symlinks, read-only files, folders and
 * missing folders: refused before the spectrum is computed, in one line, with nothing changed.
 */
class HessianSpectrumFileTest {

    @TempDir
    Path dir;

    private final AtomicInteger spectra = new AtomicInteger();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /** The command with a session whose only working call is {@code spectrum}, counting its calls. */
    private HessianCommands command() throws Exception {
        Object session = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TrainingSession.class, HessianTools.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("largestEigenvalueSettings")) {
                        return SessionDeclarations.EIG;
                    }
                    if (method.getName().equals("spectrumSettings")) {
                        return SessionDeclarations.SPECTRUM;
                    }
                    if (method.getName().equals("spectrum")) {
                        spectra.incrementAndGet();
                        return new HessianTools.Spectrum("lanczos", "train", 10, 43, new double[] {4.5, 1.25}, 20, 0.01, "");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Workbench workbench = (Workbench) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Workbench.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("session")) {
                        return session;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        HessianCommands command = new HessianCommands();
        Field field = HessianCommands.class.getDeclaredField("workbench");
        field.setAccessible(true);
        field.set(command, workbench);
        return command;
    }

    private CommandSession shell() {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        return (CommandSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CommandSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConsole")) {
                        return out;
                    }
                    if (method.getName().equals("currentDir")) {
                        return java.nio.file.Path.of("").toAbsolutePath();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private void refused(Path target, String part) throws Exception {
        HessianCommands command = command();
        FileRefusedException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(FileRefusedException.class,
                () -> command.hessian(shell(), "spectrum", "k=2", "file=" + target)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        assertEquals(0, spectra.get(), "refused before the spectrum was computed");
    }

    @Test
    void writesTheCsvToAPlainFile() throws Exception {
        Path file = dir.resolve("spectrum.csv");
        // commands print through System.out, which Gogo maps to the command's own stream
        PrintStream saved = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            command().hessian(shell(), "spectrum", "k=2", "file=" + file);
        } finally {
            System.setOut(saved);
        }
        assertEquals("index,eigenvalue\n1,4.5\n2,1.25\n", Files.readString(file));
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("wrote " + file));
    }

    @Test
    void refusesADeviceAFifoAndASymlinkToADevice() throws Exception {
        refused(Path.of("/dev/null"), "not a regular file");
        Path fifo = dir.resolve("pipe.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        refused(fifo, "not a regular file");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("/dev/null"));
        refused(link, "not a regular file");
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void refusesAReadOnlyFileAFolderAndAMissingFolder() throws Exception {
        Path locked = Files.writeString(dir.resolve("locked.csv"), "keep");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r--r--r--"));
        refused(locked, "read-only");
        assertEquals("keep", Files.readString(locked));
        refused(dir, "it is a folder");
        refused(dir.resolve("missing/spectrum.csv"), "does not exist");
        assertFalse(Files.exists(dir.resolve("missing")));
    }
}

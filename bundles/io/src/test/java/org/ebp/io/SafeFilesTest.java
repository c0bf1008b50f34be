package org.ebp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesANewFileAndReplacesARegularOne() throws IOException {
        Path file = dir.resolve("a.txt");
        SafeFiles.writeString(file, "one");
        assertEquals("one", Files.readString(file));
        SafeFiles.writeString(file, "two");
        assertEquals("two", Files.readString(file));
        assertEquals(1, listing().length, "no temporary file is left");
    }

    @Test
    void refusesAFolderAndNamesIt() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("sub"));
        FileRefusedException e = assertThrows(FileRefusedException.class, () -> SafeFiles.writeString(folder, "x"));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void refusesAMissingFolderInsteadOfCreatingIt() {
        Path file = dir.resolve("missing/deeper/a.txt");
        FileRefusedException e = assertThrows(FileRefusedException.class, () -> SafeFiles.writeString(file, "x"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void refusesADeviceAndLeavesItAlone() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device));
        FileRefusedException e = assertThrows(FileRefusedException.class, () -> SafeFiles.writeString(device, "x"));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertFalse(Files.isRegularFile(device));
    }

    @Test
    void refusesAFifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        assertThrows(FileRefusedException.class, () -> SafeFiles.writeString(fifo, "x"));
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void refusesAReadOnlyFileEvenForRoot() throws IOException {
        Path file = dir.resolve("ro.txt");
        Files.writeString(file, "keep");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        FileRefusedException e = assertThrows(FileRefusedException.class, () -> SafeFiles.writeString(file, "x"));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void writesThroughASymbolicLinkAndKeepsTheLink() throws IOException {
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real.getFileName());
        assertEquals(real, SafeFiles.writeString(link, "new"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
    }

    @Test
    void aFailingWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("keep.txt");
        Files.writeString(file, "old");
        assertThrows(IOException.class, () -> SafeFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(file));
        assertEquals(1, listing().length);
    }

    @Test
    void keepsThePermissionsOfAReplacedFile() throws IOException {
        Path file = dir.resolve("script.sh");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));
        SafeFiles.writeString(file, "new");
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aNewFileIsReadableByOthersLikeAnyNewFile() throws IOException {
        Path file = SafeFiles.writeString(dir.resolve("new.csv"), "x");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private Path[] listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toArray(Path[]::new);
        }
    }
}

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

    /**
     * Killed writes leave {@code .NAME.<digits>.tmp}; the next write to NAME removes them, and
     * nothing else: other names, a link, an empty file too young to judge, and a file whose writer
     * still holds its lock all stay.
     */
    @Test
    void theNextWriteRemovesStaleTemporaryFilesOfThatTargetOnly() throws IOException {
        Path file = dir.resolve("a.txt");
        Path stale = Files.writeString(dir.resolve(".a.txt.123456789.tmp"), "half a file");
        Path staleEmpty = Files.createFile(dir.resolve(".a.txt.42.tmp"));
        Files.setLastModifiedTime(staleEmpty, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path youngEmpty = Files.createFile(dir.resolve(".a.txt.43.tmp"));
        Path otherTarget = Files.writeString(dir.resolve(".b.txt.123.tmp"), "b's");
        Path notDigits = Files.writeString(dir.resolve(".a.txt.mine.tmp"), "foreign");
        Path longerName = Files.writeString(dir.resolve(".a.txt.123.tmp.bak"), "foreign");
        Path link = Files.createSymbolicLink(dir.resolve(".a.txt.7.tmp"), otherTarget);
        Path live = Files.writeString(dir.resolve(".a.txt.99.tmp"), "being written");
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(live,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = channel.lock()) {
            SafeFiles.writeString(file, "new");
        }
        assertEquals("new", Files.readString(file));
        assertFalse(Files.exists(stale), "a killed write's file is removed");
        assertFalse(Files.exists(staleEmpty), "an old empty one too");
        for (Path kept : new Path[] {youngEmpty, otherTarget, notDigits, longerName, live}) {
            assertTrue(Files.exists(kept), kept + " is kept");
        }
        assertTrue(Files.isSymbolicLink(link), "a link is not ours to remove");
        assertEquals("b's", Files.readString(otherTarget));
    }
}

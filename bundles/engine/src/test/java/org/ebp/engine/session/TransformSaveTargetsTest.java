package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.ebp.io.FileRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transform save FILE} onto everything that is not a plain file in an existing folder: one
 * line naming the path and the fix, and nothing at the path changed (issue 12, item 1: as root,
 * /dev/full used to become a regular file).
 */
class TransformSaveTargetsTest {

    @TempDir
    Path dir;

    private final Session session = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());

    @BeforeEach
    void fit() throws Exception {
        session.loadData("blobs", Map.of());
        session.fitTransform("center", Map.of());
    }

    @AfterEach
    void close() {
        session.close();
    }

    private FileRefusedException refused(Path target, String... parts) {
        FileRefusedException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(FileRefusedException.class, () -> session.saveTransforms(target)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        }
        assertEquals(List.of("center"), session.fittedTransforms().stream().map(t -> t.transform()).toList());
        return e;
    }

    private List<String> folderListing() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFifoIsLeftAloneWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("pipe.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        refused(fifo, "pipe.json", "not a regular file");
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still a FIFO");
        assertEquals(List.of("pipe.json"), folderListing(), "no temporary file left");
    }

    @Test
    void aDeviceIsLeftAlone() throws Exception {
        refused(Path.of("/dev/null"), "/dev/null", "not a regular file (a device, FIFO or socket)");
        assertFalse(Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void aSymlinkToADeviceIsRefusedAndAnOrdinarySymlinkWritesItsTarget() throws Exception {
        Path toDevice = Files.createSymbolicLink(dir.resolve("null.json"), Path.of("/dev/null"));
        refused(toDevice, "null.json", "not a regular file");
        assertTrue(Files.isSymbolicLink(toDevice));

        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        session.saveTransforms(link);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(real).contains("\"ebp-transform-chain\""), "the file it points to holds the chain");
    }

    @Test
    void aReadOnlyFileKeepsItsContent() throws Exception {
        Path file = Files.writeString(dir.resolve("locked.json"), "keep me");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        refused(file, "locked.json", "read-only", "chmod u+w");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aFolderIsRefusedWithAFix() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("out"));
        refused(folder, "out", "it is a folder; give a file name inside it");
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aMissingFolderIsNotCreated() throws Exception {
        Path target = dir.resolve("no/such/chain.json");
        refused(target, "does not exist", "mkdir -p");
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void aRegularFileIsReplacedWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("chain.json"), "old content");
        session.saveTransforms(file);
        assertEquals(1, org.ebp.engine.persist.TransformChainCodec.read(file).size());
        assertEquals(List.of("chain.json"), folderListing(), "no temporary file left");
    }
}

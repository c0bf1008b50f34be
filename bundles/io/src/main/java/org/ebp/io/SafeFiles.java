package org.ebp.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The one way the workbench writes a file. A write goes to a temporary file in the target's own
 * folder, is flushed and forced to disk, and is then renamed over the target, so a reader (or a
 * process killed mid-write) sees the old file or the new one, never half of one. It refuses,
 * before writing anything:
 * <ul>
 *   <li>a target that exists and is not a regular file (a folder, a device such as /dev/full, a
 *       FIFO, a socket);</li>
 *   <li>a regular file without its owner's write permission (a rename would replace it even so);</li>
 *   <li>a missing folder (it is not created: a typo in a path should not make folders).</li>
 * </ul>
 * A symbolic link is resolved: the file it points to is written (and checked as above), the link
 * itself stays. A write also removes the temporary files that killed writes to the same target
 * left behind ({@link StaleTempFiles}).
 */
public final class SafeFiles {

    /** What is written: the content goes to {@code out}, which the caller must not close. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final java.util.Set<PosixFilePermission> NEW_FILE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

    private SafeFiles() {
    }

    /**
     * Checks that {@code target} may be written, without writing it.
     *
     * @return the path that a write would replace or create (symbolic links resolved, absolute)
     * @throws FileRefusedException naming the path, the problem and the fix
     */
    public static Path checkWritable(Path target) throws FileRefusedException {
        Path path = resolveLinks(target.toAbsolutePath().normalize());
        Path dir = path.getParent();
        if (dir == null) {
            throw new FileRefusedException("cannot write " + target + ": it names no file; give a file name");
        }
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new FileRefusedException("cannot write " + target + ": " + dir + " is not a folder; choose a file in an existing folder");
            }
            throw new FileRefusedException("cannot write " + target + ": the folder " + dir + " does not exist; create it first (mkdir -p) or choose another");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return path;
        } catch (IOException e) {
            throw new FileRefusedException("cannot write " + target + ": " + reason(e) + "; choose another file", e);
        }
        if (attributes.isDirectory()) {
            throw new FileRefusedException("cannot write " + target + ": it is a folder; give a file name inside it");
        }
        if (!attributes.isRegularFile()) {
            throw new FileRefusedException("cannot write " + target + ": it is not a regular file (a device, FIFO or socket) and is left alone; choose a regular file");
        }
        if (!ownerMayWrite(path)) {
            throw new FileRefusedException("cannot write " + target + ": the file is read-only and is left alone; make it writable (chmod u+w) or choose another");
        }
        return path;
    }

    /**
     * Writes {@code content} to {@code target} atomically (see the class comment).
     *
     * @return the path written (symbolic links resolved)
     * @throws FileRefusedException when the target is refused, or the write failed (disk full, no
     *                              permission); the target is then unchanged and no temporary file
     *                              is left behind
     */
    public static Path write(Path target, Content content) throws IOException {
        Path path = checkWritable(target);
        Path temp;
        try {
            temp = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw new FileRefusedException("cannot write " + target + ": cannot create a file in " + path.getParent() + " (" + reason(e) + ")", e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // held while writing: a cleaner in another process sees the temp file as live (StaleTempFiles)
                java.nio.channels.FileLock held = StaleTempFiles.lock(channel);
                StaleTempFiles.removeBeside(path, temp);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
                copyPermissions(path, temp);
                // renamed while still locked, so no cleaner can take the file between the write and the rename
                try {
                    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
                if (held != null) {
                    held.release();
                }
            }
        } catch (FileRefusedException e) {
            throw e;
        } catch (FileSystemException e) {
            throw new FileRefusedException("cannot write " + target + ": " + reason(e) + "; nothing was changed", e);
        } catch (IOException e) {
            throw new FileRefusedException("cannot write " + target + ": " + reason(e) + " (is the disk full?); nothing was changed", e);
        } finally {
            Files.deleteIfExists(temp);
        }
        return path;
    }

    /** {@link #write} of UTF-8 text. */
    public static Path writeString(Path target, CharSequence text) throws IOException {
        return write(target, out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Path resolveLinks(Path path) throws FileRefusedException {
        Path current = path;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops > 40) {
                throw new FileRefusedException("cannot write " + path + ": too many levels of symbolic links; give the real file");
            }
            try {
                Path link = Files.readSymbolicLink(current);
                Path parent = current.getParent();
                current = (parent == null ? link : parent.resolve(link)).toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new FileRefusedException("cannot write " + path + ": cannot read the symbolic link (" + reason(e) + ")", e);
            }
        }
        return current;
    }

    private static boolean ownerMayWrite(Path path) {
        try {
            PosixFileAttributes posix = Files.readAttributes(path, PosixFileAttributes.class);
            return posix.permissions().contains(PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return Files.isWritable(path);
        }
    }

    /**
     * A replaced file keeps its permission bits, as an editor's save would; a new file gets
     * rw-r--r-- (the temporary file is created rw------- and would otherwise stay so).
     */
    private static void copyPermissions(Path from, Path to) {
        try {
            Files.setPosixFilePermissions(to, Files.exists(from) ? Files.getPosixFilePermissions(from) : NEW_FILE);
        } catch (UnsupportedOperationException | IOException ignored) {
            // permissions are a courtesy; the content is what was asked for
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}

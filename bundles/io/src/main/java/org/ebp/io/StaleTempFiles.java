package org.ebp.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.regex.Pattern;

/**
 * Removes the temporary files that {@link SafeFiles#write} left beside a target when its process
 * was killed mid-write ({@code .NAME.<digits>.tmp}). Only files of exactly that name, regular
 * (not links), owned by the same user as the new temporary file, and not locked are removed: a
 * write holds a lock on its temporary file until the rename, and the operating system releases
 * the lock when the writing process dies, so a lock that can be taken marks a dead writer (an
 * empty file younger than {@link #YOUNG_MILLIS} is left for a later write: its writer may not have
 * locked it yet). Any
 * other file is left alone, and a file that cannot be checked or removed is simply kept.
 */
final class StaleTempFiles {

    /** An empty temporary file this young may belong to a writer that has not locked it yet. */
    static final long YOUNG_MILLIS = 10_000;

    private StaleTempFiles() {
    }

    /** Locks a new temporary file for the time of the write; null where the file system has no locks. */
    static FileLock lock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * Removes the stale temporary files of {@code target}, never {@code ours}.
     *
     * @return how many were removed
     */
    static int removeBeside(Path target, Path ours) {
        Path dir = target.getParent();
        Pattern name = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString()) + "\\.[0-9]+\\.tmp");
        int removed = 0;
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir,
                p -> name.matcher(p.getFileName().toString()).matches() && !p.equals(ours))) {
            UserPrincipal owner = Files.getOwner(ours);
            for (Path candidate : candidates) {
                if (removeIfStale(candidate, owner)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // cleaning is a courtesy: the write itself goes on
        }
        return removed;
    }

    private static boolean removeIfStale(Path candidate, UserPrincipal owner) {
        try {
            BasicFileAttributes a = Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || !owner.equals(Files.getOwner(candidate, LinkOption.NOFOLLOW_LINKS))) {
                return false;
            }
            if (a.size() == 0 && a.lastModifiedTime().toMillis() > System.currentTimeMillis() - YOUNG_MILLIS) {
                return false; // perhaps a writer between creating its file and locking it
            }
            try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return false; // a live writer in another process
                }
                try {
                    Files.delete(candidate);
                    return true;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException | OverlappingFileLockException e) {
            return false; // a live writer in this process, or not ours to touch
        }
    }
}

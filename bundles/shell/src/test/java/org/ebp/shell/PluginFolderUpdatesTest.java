package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/** Issue #14, point 5: a newer jar beside an older one in plugins/ updates it; an older one is set aside. */
class PluginFolderUpdatesTest {

    @TempDir
    Path plugins;

    @Test
    void aNewerJarSetsTheOlderAsideSoOnlyItStays() throws Exception {
        Path old = Files.writeString(plugins.resolve("nadam-1.0.0.jar"), "old");
        Path fresh = Files.writeString(plugins.resolve("nadam-1.0.1.jar"), "new");
        PluginFolderUpdates.FolderUpdate u = PluginFolderUpdates.FolderUpdate.decide("org.example.nadam",
                new Version(1, 0, 1), fresh, new Version(1, 0, 0), old);
        assertEquals("nadam-1.0.1.jar updates org.example.nadam 1.0.0 to 1.0.1: nadam-1.0.0.jar is renamed "
                + "nadam-1.0.0.jar.replaced (the folder ignores it; delete it, or rename it back to go back)", u.apply());
        assertFalse(Files.exists(old));
        assertEquals("old", Files.readString(plugins.resolve("nadam-1.0.0.jar.replaced")));
        assertEquals("new", Files.readString(fresh));
        assertFalse(plugins.resolve("nadam-1.0.0.jar.replaced").toString().matches(".*\\.(jar|cfg|config)"),
                "FileInstall's filter (Launcher) must not match the renamed file");
    }

    @Test
    void anOlderJarDroppedBesideANewerOneIsNotUsed() throws Exception {
        Path current = Files.writeString(plugins.resolve("nadam-2.jar"), "2");
        Path older = Files.writeString(plugins.resolve("nadam-1.jar"), "1");
        PluginFolderUpdates.FolderUpdate u = PluginFolderUpdates.FolderUpdate.decide("org.example.nadam",
                new Version(1, 0, 0), older, new Version(2, 0, 0), current);
        String line = u.apply();
        assertTrue(line.startsWith("nadam-2.jar already provides org.example.nadam 2.0.0, so the older (or same) 1.0.0 from "
                + "nadam-1.jar is not used: nadam-1.jar is renamed nadam-1.jar.ignored"), line);
        assertTrue(Files.exists(current));
        assertTrue(Files.exists(plugins.resolve("nadam-1.jar.ignored")));
    }
}

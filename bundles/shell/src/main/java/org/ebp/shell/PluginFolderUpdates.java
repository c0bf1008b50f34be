package org.ebp.shell;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A newer jar of a plugin dropped into the watched {@code plugins/} folder under another file name
 * (nadam-1.0.1.jar beside nadam-1.0.0.jar) updates that plugin instead of running beside it: the
 * older jar is renamed to {@code NAME.jar.replaced}, which the folder's watcher ignores, so it
 * uninstalls the older bundle, and a restart loads only the newer one. An older jar dropped beside
 * a newer one is renamed to {@code NAME.jar.ignored} the same way. Each is said in one line.
 *
 * <p>The newer bundle's components arrive before the older ones leave, so a run that uses one
 * continues with the newer service (the session carries the state over) instead of pausing.
 */
@Component(immediate = true, service = {})
public class PluginFolderUpdates implements BundleListener {

    private BundleContext context;
    private Path watched;

    @Activate
    void activate(BundleContext bundleContext) {
        context = bundleContext;
        String dir = context.getProperty("felix.fileinstall.dir");
        watched = dir == null ? null : Path.of(dir).toAbsolutePath().normalize();
        context.addBundleListener(this);
        for (Bundle b : context.getBundles()) {
            check(b); // both jars may already be there (dropped while the workbench was down)
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.INSTALLED) {
            check(event.getBundle());
        }
    }

    private void check(Bundle arrived) {
        Path arrivedJar = jarInWatchedFolder(arrived);
        if (arrivedJar == null || arrived.getSymbolicName() == null || arrived.getState() == Bundle.UNINSTALLED) {
            return;
        }
        for (Bundle other : context.getBundles()) {
            Path otherJar = jarInWatchedFolder(other);
            if (other.getBundleId() == arrived.getBundleId() || otherJar == null || otherJar.equals(arrivedJar)
                    || !arrived.getSymbolicName().equals(other.getSymbolicName()) || other.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            String line = FolderUpdate.decide(arrived.getSymbolicName(), arrived.getVersion(), arrivedJar, other.getVersion(),
                    otherJar).apply();
            System.out.println("plugin: " + line);
        }
    }

    /** The jar a bundle was installed from, when FileInstall installed it from the watched folder; else null. */
    private Path jarInWatchedFolder(Bundle b) {
        if (watched == null) {
            return null;
        }
        try {
            String location = b.getLocation();
            Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            file = file.toAbsolutePath().normalize();
            return watched.equals(file.getParent()) && file.getFileName().toString().endsWith(".jar") ? file : null;
        } catch (RuntimeException e) {
            return null; // another scheme (mvn:, a URL): not from the folder
        }
    }

    /** What to do with two jars of one bundle in the folder: set the lower version's jar aside. */
    record FolderUpdate(String symbolicName, Path keep, Version kept, Path setAside, Version setAsideVersion,
                        boolean newerArrived) {

        static FolderUpdate decide(String symbolicName, Version arrived, Path arrivedJar, Version present, Path presentJar) {
            boolean newer = arrived.compareTo(present) > 0;
            return newer ? new FolderUpdate(symbolicName, arrivedJar, arrived, presentJar, present, true)
                    : new FolderUpdate(symbolicName, presentJar, present, arrivedJar, arrived, false);
        }

        /** The renamed jar: NAME.jar.replaced for the older of an update, NAME.jar.ignored for an older drop. */
        Path renamed() {
            return setAside.resolveSibling(setAside.getFileName() + (newerArrived ? ".replaced" : ".ignored"));
        }

        /** Renames the jar set aside and says what happened, in one line. */
        String apply() {
            String what = newerArrived
                    ? keep.getFileName() + " updates " + symbolicName + " " + setAsideVersion + " to " + kept + ": "
                    : keep.getFileName() + " already provides " + symbolicName + " " + kept + ", so the older (or same) "
                    + setAsideVersion + " from " + setAside.getFileName() + " is not used: ";
            try {
                Files.move(setAside, renamed(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return what + setAside.getFileName() + " is renamed " + renamed().getFileName()
                        + " (the folder ignores it; delete it, or rename it back to go back)";
            } catch (IOException e) {
                return what + "but " + setAside.getFileName() + " cannot be renamed (" + e.getMessage() + "); delete it "
                        + "yourself, or both versions stay installed";
            }
        }
    }
}

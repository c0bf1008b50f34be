package org.ebp.shell;

import java.util.Map;

/**
 * The bundles the workbench itself runs on, as opposed to component bundles and plugins: without
 * them the shell loses its commands or the session is closed. {@code plugin uninstall} refuses
 * them unless told {@code force=true} (issue 12, item 4).
 */
final class CoreBundles {

    /** Symbolic name to what is lost without it. */
    private static final Map<String, String> EBP_CORE = Map.of(
            "org.ebp.api", "the contracts every bundle is wired to",
            "org.ebp.engine", "the engine: sessions, networks and training; the session would be closed and every "
                    + "command would be gone",
            "org.ebp.shell", "the workbench commands of this shell",
            "org.ebp.io", "safe file writing for every command that saves");

    /** The runtime: OSGi, Declarative Services, the Gogo shell, FileInstall, gson. */
    private static final String[] RUNTIME_PREFIXES = {"org.apache.felix.", "org.osgi.", "com.google.gson"};

    private CoreBundles() {
    }

    /** What the workbench loses without this bundle, or null when it is not a core bundle. */
    static String loss(String symbolicName) {
        if (symbolicName == null) {
            return null;
        }
        String ebp = EBP_CORE.get(symbolicName);
        if (ebp != null) {
            return ebp;
        }
        for (String prefix : RUNTIME_PREFIXES) {
            if (symbolicName.startsWith(prefix)) {
                return "part of the runtime the shell and the components run on";
            }
        }
        return null;
    }

    /** The refusal of {@code plugin uninstall NAME} for a core bundle, one line. */
    static String refusal(String symbolicName, String loss) {
        return symbolicName + " is a core bundle of the workbench (" + loss + "); it is not uninstalled. Add force=true "
                + "to uninstall it anyway, or update it with plugin update " + symbolicName;
    }
}

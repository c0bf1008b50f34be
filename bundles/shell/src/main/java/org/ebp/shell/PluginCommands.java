package org.ebp.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.session.ComponentCatalog;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code plugin install FILE|URL}, {@code plugin update NAME|ID [FILE]}, {@code plugin uninstall NAME|ID},
 * {@code plugin list}: third-party component bundles, installed while the workbench runs. Bundles
 * dropped into the watched {@code plugins/} folder are installed by FileInstall instead; both
 * show in {@code plugin list}.
 */
@Component(service = {PluginCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=plugin"})
public class PluginCommands implements DeclaredCommands {

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("plugin", "list", "components", "the component bundles and plugins with the components each "
                    + "provides", List.of(), List.of()),
            CommandSpec.of("plugin", "install", "components", "install and start a component bundle",
                    List.of(ArgSpec.file("FILE|URL", "a bundle jar")), List.of()),
            CommandSpec.of("plugin", "update", "components", "replace a bundle while the workbench runs",
                    List.of(ArgSpec.free("NAME|ID", "bundle symbolic name or id"), ArgSpec.file("[FILE]", "the new jar")), List.of()),
            CommandSpec.of("plugin", "uninstall", "components", "remove a component bundle",
                    List.of(ArgSpec.free("NAME|ID", "bundle symbolic name or id")), List.of()));

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    /** How long a refresh may take before the command reports and returns (a refresh restarts dependants). */
    private static final long REFRESH_SECONDS = 30;
    private static final Pattern MISSING_PACKAGE = Pattern.compile(
            "osgi\\.wiring\\.package; \\(&?\\(?osgi\\.wiring\\.package=([^)\\s]+)\\)(?:\\((version[^)]*)\\))?");

    private BundleContext context;

    /** Refused components and duplicate names (issue #14); optional so that plugin list works without the engine. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ComponentCatalog catalog;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Descriptor("plugin list | install FILE|URL | update NAME|ID [FILE] | uninstall NAME|ID: manage component bundles "
            + "while the workbench runs (plugins/ is also watched: drop, overwrite or delete a jar there)")
    public void plugin(CommandSession shell,
                       @Descriptor("list, install, update or uninstall") String action,
                       @Descriptor("a file or URL (install), a bundle name or id (update, uninstall), then an optional file (update)")
                       String... args) throws Exception {
        PrintStream out = System.out;
        switch (action.toLowerCase(Locale.ROOT)) {
            case "list" -> list(out);
            case "install" -> install(out, local(shell, one(args, "plugin install FILE|URL, e.g. plugin install ~/my-plugin.jar")));
            case "update" -> update(shell, out, args);
            case "uninstall", "remove" -> uninstall(out, args);
            default -> throw new IllegalArgumentException("plugin " + action + " is not a plugin command; use plugin list, "
                    + "plugin install FILE|URL, plugin update NAME|ID [FILE] or plugin uninstall NAME|ID");
        }
    }

    @Descriptor("plugin list: the component bundles and plugins with the components each provides")
    public void plugin(CommandSession shell) throws Exception {
        list(System.out);
    }

    private static String one(String[] args, String usage) {
        if (args == null || args.length != 1) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return args[0];
    }

    private void list(PrintStream out) {
        String watched = context.getProperty("felix.fileinstall.dir");
        out.println("watched folder: " + (watched == null ? "(none)" : watched));
        int shown = 0;
        for (Bundle b : context.getBundles()) {
            List<String> components = components(b);
            boolean fromPlugins = b.getLocation().contains("/plugins/") || (watched != null && b.getLocation().contains(watched));
            if (components.isEmpty() && !fromPlugins && !b.getLocation().startsWith("plugin:")) {
                continue;
            }
            out.printf("%4d  %-9s %s %s%s%n", b.getBundleId(), state(b), b.getSymbolicName(), b.getVersion(),
                    fromPlugins ? "  (plugins/)" : "");
            if (!components.isEmpty()) {
                out.println("        " + String.join(", ", components));
            }
            shown++;
        }
        if (shown == 0) {
            out.println("no component bundles");
        }
        ComponentCatalog current = catalog;
        for (String notice : current == null ? List.<String>of() : current.notices()) {
            out.println("  ! " + notice);
        }
    }

    /** "optimizer/rprop" for each ebp component the bundle registers. */
    private static List<String> components(Bundle bundle) {
        List<String> names = new ArrayList<>();
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        if (refs == null) {
            return names;
        }
        for (ServiceReference<?> r : refs) {
            Object kind = r.getProperty(ComponentKind.PROPERTY_KIND);
            Object name = r.getProperty(ComponentKind.PROPERTY_NAME);
            if (kind != null && name != null) {
                names.add(kind + "/" + name);
            }
        }
        names.sort(null);
        return names;
    }

    private void install(PrintStream out, String where) throws Exception {
        URL url = url(where);
        Manifest manifest = manifest(url, where);
        String symbolicName = symbolicName(manifest, where);
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                throw new IllegalArgumentException(symbolicName + " is already installed (bundle " + b.getBundleId() + ", "
                        + b.getVersion() + "); use plugin update " + symbolicName + " " + where);
            }
        }
        Bundle bundle;
        try (InputStream in = url.openStream()) {
            bundle = context.installBundle(url.toString(), in);
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            String reason = explain(e);
            bundle.uninstall(); // a bundle that cannot start is not left behind
            refresh(List.of(bundle));
            throw new IllegalArgumentException("cannot install " + where + ": " + reason);
        }
        out.println("installed " + describe(bundle));
    }

    private void update(CommandSession shell, PrintStream out, String[] args) throws Exception {
        if (args == null || args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: plugin update NAME|ID [FILE|URL] (without a file: again from where it "
                    + "was installed)");
        }
        Bundle bundle = find(args[0]);
        String before = bundle.getVersion().toString();
        try {
            if (args.length == 2) {
                URL url = url(local(shell, args[1]));
                String name = symbolicName(manifest(url, args[1]), args[1]);
                if (!name.equals(bundle.getSymbolicName())) {
                    throw new IllegalArgumentException(args[1] + " is " + name + ", not " + bundle.getSymbolicName()
                            + "; install it with plugin install " + args[1]);
                }
                try (InputStream in = url.openStream()) {
                    bundle.update(in);
                }
            } else {
                bundle.update();
            }
        } catch (BundleException e) {
            throw new IllegalArgumentException("cannot update " + bundle.getSymbolicName() + ": " + explain(e));
        }
        refresh(List.of(bundle));
        if (bundle.getState() != Bundle.ACTIVE) {
            try {
                bundle.start();
            } catch (BundleException e) {
                throw new IllegalArgumentException("updated " + bundle.getSymbolicName() + " but it does not start: "
                        + explain(e));
            }
        }
        out.println("updated " + describe(bundle) + " (was " + before + ")");
    }

    private void uninstall(PrintStream out, String[] args) throws Exception {
        String usage = "plugin uninstall NAME|ID [force=true] (plugin list shows them)";
        boolean force = false;
        if (args != null && args.length == 2 && args[1].trim().toLowerCase(Locale.ROOT).startsWith("force=")) {
            String value = args[1].trim().substring("force=".length()).toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException("force=" + (value.length() > 20 ? value.substring(0, 20) + "..." : value)
                        + " must be true or false; usage: " + usage);
            }
            force = value.equals("true");
            args = new String[] {args[0]};
        }
        Bundle bundle = find(one(args, usage));
        if (bundle.getBundleId() == 0) {
            throw new IllegalArgumentException("bundle 0 is the framework; it cannot be uninstalled");
        }
        String loss = CoreBundles.loss(bundle.getSymbolicName());
        if (loss != null && !force) {
            throw new IllegalArgumentException(CoreBundles.refusal(bundle.getSymbolicName(), loss));
        }
        String described = describe(bundle);
        bundle.uninstall();
        refresh(List.of(bundle));
        out.println("uninstalled " + described);
    }

    /** Drops old revisions now, so that dependants rewire and the old class loader can go. */
    private void refresh(List<Bundle> bundles) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        done.await(REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    private Bundle find(String which) {
        String w = which.trim();
        if (w.matches("\\d+")) {
            Bundle b = context.getBundle(Long.parseLong(w));
            if (b == null) {
                throw new IllegalArgumentException("no bundle with id " + w + "; plugin list shows them");
            }
            return b;
        }
        for (Bundle b : context.getBundles()) {
            if (w.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new IllegalArgumentException("no bundle named '" + w + "'; plugin list shows them");
    }

    /** A file name made absolute against the shell's folder; a URL as it is. */
    private static String local(CommandSession shell, String where) {
        boolean isUrl = where.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !where.matches("[a-zA-Z]:\\\\.*");
        return isUrl ? where : ShellPaths.resolve(shell, where).toString();
    }

    private static URL url(String where) throws IOException {
        if (where.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !where.matches("[a-zA-Z]:\\\\.*")) {
            try {
                return URI.create(where).toURL();
            } catch (IllegalArgumentException | MalformedURLException e) {
                throw new IllegalArgumentException("'" + where + "' is not a valid URL: " + e.getMessage());
            }
        }
        String expanded = where.startsWith("~/") ? System.getProperty("user.home") + where.substring(1) : where;
        Path file = Path.of(expanded).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file " + file + (Files.isDirectory(file) ? " (it is a folder; name the jar)"
                    : "; check the path"));
        }
        return file.toUri().toURL();
    }

    private static Manifest manifest(URL url, String where) {
        try (JarInputStream jar = new JarInputStream(url.openStream())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new IllegalArgumentException(where + " is not an OSGi bundle: it is not a jar with a manifest");
            }
            return manifest;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + where + ": " + e.getMessage()
                    + " (is it a jar file?)");
        }
    }

    private static String symbolicName(Manifest manifest, String where) {
        String name = manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName "
                    + "(build it with bnd-maven-plugin, as examples/plugin does)");
        }
        return name.split(";")[0].trim();
    }

    /** A resolver failure names the package nobody exports; anything else keeps its own message. */
    static String explain(BundleException e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = MISSING_PACKAGE.matcher(message);
        if (m.find()) {
            return "it imports package " + m.group(1) + (m.group(2) == null ? "" : " (" + m.group(2) + ")")
                    + ", which no installed bundle exports; install the bundle that exports it first, or build the "
                    + "plugin against the workbench's API version";
        }
        return message;
    }

    private static String describe(Bundle b) {
        List<String> components = components(b);
        return b.getSymbolicName() + " " + b.getVersion() + " (bundle " + b.getBundleId() + ", " + state(b) + ")"
                + (components.isEmpty() ? "" : ": " + String.join(", ", components));
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }
}

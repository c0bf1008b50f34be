package org.ebp.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Namespace;

/**
 * Why a bundle does not resolve, in the user's terms: each mandatory requirement that no
 * installed bundle satisfies, and for a package import the version range it asks for (both
 * bounds) beside the versions that are exported. Read from the bundle's declared requirements
 * and every bundle's declared capabilities, so it works for a jar FileInstall dropped in as well
 * as for {@code plugin install}, without asking the framework to resolve again.
 */
final class ResolutionReasons {

    /** An exported package: its version and the bundle that exports it. */
    record Export(String pkg, Version version, String bundle, Version bundleVersion) {
    }

    private static final Pattern AT_LEAST = Pattern.compile("\\((!?)\\(?version>=([^)]+)\\)");
    private static final Pattern AT_MOST = Pattern.compile("\\((!?)\\(?version<=([^)]+)\\)");
    private static final Pattern EXACT = Pattern.compile("\\(version=([^)*]+)\\)");

    private ResolutionReasons() {
    }

    /** One line per unsatisfied requirement of {@code bundle}; empty when every one is satisfiable. */
    static List<String> of(Bundle bundle, BundleContext context) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<String> reasons = new ArrayList<>();
        if (revision == null) {
            return reasons;
        }
        List<BundleCapability> capabilities = new ArrayList<>();
        for (Bundle other : context.getBundles()) {
            BundleRevision r = other.adapt(BundleRevision.class);
            if (r != null && other.getState() != Bundle.UNINSTALLED) {
                capabilities.addAll(r.getDeclaredCapabilities(null));
            }
        }
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            if (Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                    || requirement.getNamespace().equals("osgi.wiring.host")) {
                continue;
            }
            String filterText = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
            if (satisfied(requirement.getNamespace(), filterText, capabilities)) {
                continue;
            }
            if (requirement.getNamespace().equals(PackageNamespace.PACKAGE_NAMESPACE)) {
                String pkg = String.valueOf(requirement.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE));
                if (pkg.equals("null")) {
                    pkg = packageName(filterText);
                }
                reasons.add(packageReason(pkg, filterText, exports(pkg, capabilities)));
            } else {
                reasons.add("it requires " + requirement.getNamespace() + " " + filterText + ", which no installed bundle provides");
            }
        }
        return reasons;
    }

    private static boolean satisfied(String namespace, String filterText, List<BundleCapability> capabilities) {
        Filter filter;
        try {
            filter = filterText == null ? null : FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (BundleCapability c : capabilities) {
            if (c.getNamespace().equals(namespace) && (filter == null || filter.matches(c.getAttributes()))) {
                return true;
            }
        }
        return false;
    }

    private static List<Export> exports(String pkg, List<BundleCapability> capabilities) {
        List<Export> out = new ArrayList<>();
        for (BundleCapability c : capabilities) {
            Map<String, Object> a = c.getAttributes();
            if (c.getNamespace().equals(PackageNamespace.PACKAGE_NAMESPACE) && pkg.equals(a.get(PackageNamespace.PACKAGE_NAMESPACE))) {
                Object v = a.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                out.add(new Export(pkg, v instanceof Version version ? version : Version.emptyVersion,
                        c.getRevision().getSymbolicName(), c.getRevision().getVersion()));
            }
        }
        return out;
    }

    /** "it imports package P version [2.0.0,3.0.0), but org.ebp.api 0.1.0 exports P 1.3.0; ..." */
    static String packageReason(String pkg, String filterText, List<Export> exports) {
        String range = range(filterText);
        StringBuilder b = new StringBuilder("it imports package ").append(pkg)
                .append(range.isEmpty() ? "" : " version " + range);
        if (exports.isEmpty()) {
            return b.append(", which no installed bundle exports; install the bundle that exports it first").toString();
        }
        b.append(", but ");
        for (int i = 0; i < exports.size(); i++) {
            Export e = exports.get(i);
            b.append(i == 0 ? "" : " and ").append(e.bundle()).append(' ').append(e.bundleVersion())
                    .append(" exports it as ").append(e.version());
        }
        Export first = exports.get(0);
        return b.append(" only; build the plugin against the workbench's API (import range [")
                .append(first.version().getMajor()).append('.').append(first.version().getMinor()).append(',')
                .append(first.version().getMajor() + 1).append("))").toString();
    }

    /**
     * The version range a package filter asks for, with both bounds, as OSGi writes it:
     * {@code (&(osgi.wiring.package=p)(version>=2.0.0)(!(version>=3.0.0)))} is {@code [2.0.0,3.0.0)};
     * no upper bound is written as infinity. Empty when the filter names no version.
     */
    static String range(String filterText) {
        if (filterText == null) {
            return "";
        }
        Matcher exact = EXACT.matcher(filterText);
        if (exact.find()) {
            return "[" + exact.group(1) + "," + exact.group(1) + "]";
        }
        String lower = null;
        String upper = null;
        boolean lowerInclusive = true;
        boolean upperInclusive = true;
        Matcher m = AT_LEAST.matcher(filterText);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                lower = m.group(2);
                lowerInclusive = true;
            } else {
                upper = m.group(2);
                upperInclusive = false;
            }
        }
        m = AT_MOST.matcher(filterText);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                upper = m.group(2);
                upperInclusive = true;
            } else {
                lower = m.group(2);
                lowerInclusive = false;
            }
        }
        if (lower == null && upper == null) {
            return "";
        }
        return (lowerInclusive ? "[" : "(") + (lower == null ? "0.0.0" : lower) + ","
                + (upper == null ? "infinity)" : upper + (upperInclusive ? "]" : ")"));
    }

    private static String packageName(String filterText) {
        Matcher m = Pattern.compile("osgi\\.wiring\\.package=([^)\\s]+)").matcher(String.valueOf(filterText));
        return m.find() ? m.group(1) : "?";
    }
}

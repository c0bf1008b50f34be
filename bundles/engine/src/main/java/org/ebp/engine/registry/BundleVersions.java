package org.ebp.engine.registry;

/**
 * Orders the bundle descriptions of catalog entries ("symbolic-name major.minor.micro.qualifier")
 * by version as OSGi does: numerically by major, minor and micro, then by qualifier as text.
 * Plain Java, so the index stays usable without a framework.
 */
final class BundleVersions {

    private BundleVersions() {
    }

    /** Negative when {@code a}'s version is lower than {@code b}'s; 0 when equal or either has none. */
    static int compare(String a, String b) {
        String[] va = version(a);
        String[] vb = version(b);
        if (va == null || vb == null) {
            return 0;
        }
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(number(va, i), number(vb, i));
            if (c != 0) {
                return c;
            }
        }
        return (va.length > 3 ? va[3] : "").compareTo(vb.length > 3 ? vb[3] : "");
    }

    private static String[] version(String bundle) {
        if (bundle == null) {
            return null;
        }
        int space = bundle.lastIndexOf(' ');
        return space < 0 ? null : bundle.substring(space + 1).split("\\.", 4);
    }

    private static long number(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        try {
            return Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

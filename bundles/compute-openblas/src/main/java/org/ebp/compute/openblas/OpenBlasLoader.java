package org.ebp.compute.openblas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Loads OpenBLAS 0.3.31 through JavaCPP and says, in one line, what loaded or why nothing did.
 *
 * <p><b>Where the natives go.</b> JavaCPP extracts the libraries embedded in this bundle into its
 * cache folder and loads them from there. Unless {@value #CACHE_PROPERTY} is set, this loader
 * points it at {@code <ebp.user.home>/cache/javacpp} (default
 * {@code ~/.ebp-workbench/cache/javacpp}), so that the extraction (about 60 MB, once) stays with
 * the workbench's other files and later starts only check it.
 *
 * <p><b>One libopenblas.so.0 per process.</b> Debian's OpenBLAS, which jblas's system library
 * links to, has the same soname. The dynamic linker binds a library's dependencies to an already
 * loaded object of that soname, so when another bundle loaded Debian's first, JavaCPP's bindings
 * call into it (0.3.21: correct, slower). This loader cannot undo that; it finds such a library
 * in {@code /proc/self/maps} before loading and names it in {@link Status#library()}. The
 * reverse order crashes (Debian's BLAS wrappers bind to this library's internals), so this loader
 * sets {@value #MARKER_PROPERTY} first and the jblas provider then stays in pure Java.
 */
final class OpenBlasLoader {

    /** Framework or system property: {@code auto} (default) or {@code off}. */
    static final String MODE_PROPERTY = "ebp.compute.openblas";
    /** JavaCPP's own system property for its cache folder. */
    static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
    /** Set while and after this OpenBLAS loads; read by the jblas provider. */
    static final String MARKER_PROPERTY = "ebp.compute.openblas.loaded";
    /** The OpenBLAS release this bundle embeds. */
    static final String OPENBLAS_VERSION = "0.3.31";

    /** What loading gave: usable or not, and the one line {@code compute} shows. */
    record Status(boolean available, String library) {
        static Status unavailable(String reason) {
            return new Status(false, "unavailable: " + reason + "; the jblas provider is used instead");
        }
    }

    /** The native step, replaceable so that a test can make it fail like a missing library. */
    interface NativeLink {
        void link() throws Throwable;
    }

    /** The real native step: JavaCPP extracts and loads libopenblas.so.0 and its JNI library. */
    static final NativeLink JAVACPP = () -> Loader.load(openblas.class);

    private OpenBlasLoader() {
    }

    /**
     * Loads the natives unless {@code mode} is {@code off}.
     *
     * @param mode     {@code auto}, {@code off}, or null/blank for auto
     * @param userHome the workbench's user home, for the default cache folder
     * @throws IllegalArgumentException if the mode is neither auto nor off
     */
    static Status load(String mode, String userHome, NativeLink link) {
        String m = mode == null || mode.isBlank() ? "auto" : mode.trim().toLowerCase(Locale.ROOT);
        if (m.equals("off")) {
            return Status.unavailable("switched off by -D" + MODE_PROPERTY + "=off");
        }
        if (!m.equals("auto")) {
            throw new IllegalArgumentException(MODE_PROPERTY + "=" + mode.trim() + " is not a mode; use auto or off");
        }
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Status.unavailable("this bundle carries OpenBLAS for linux-x86_64 only, not " + os + " " + arch);
        }
        String cache = chooseCacheFolder(userHome);
        List<String> foreign = foreignOpenBlas(cache);
        // Tells the jblas provider not to load Debian's OpenBLAS next to this one (same soname).
        System.setProperty(MARKER_PROPERTY, cache);
        try {
            link.link();
        } catch (Throwable e) {
            releaseMarkerUnlessLoaded();
            return Status.unavailable("the native libraries did not load (" + oneLine(e) + ")");
        }
        String failure = selfTest();
        if (failure != null) {
            return Status.unavailable(failure);
        }
        String line = "OpenBLAS " + OPENBLAS_VERSION + " through JavaCPP, natives in " + cache;
        if (!foreign.isEmpty()) {
            line += "; but " + foreign.get(0) + " was loaded first (by jblas), so the calls run on it";
        }
        return new Status(true, line);
    }

    /**
     * Clears {@value #MARKER_PROPERTY} when no libopenblas of JavaCPP's cache folder is mapped
     * (the load failed or never started), so that jblas may use its native library after all.
     */
    static void releaseMarkerUnlessLoaded() {
        String cache = System.getProperty(CACHE_PROPERTY, "/nowhere");
        List<String> all = foreignOpenBlas("/nowhere");
        if (all.stream().noneMatch(f -> f.startsWith(cache))) {
            System.clearProperty(MARKER_PROPERTY);
        }
    }

    /** Sets JavaCPP's cache folder unless the user did, and returns it. */
    private static String chooseCacheFolder(String userHome) {
        String set = System.getProperty(CACHE_PROPERTY);
        if (set != null && !set.isBlank()) {
            return set;
        }
        String home = userHome == null || userHome.isBlank()
                ? System.getProperty("user.home") + "/.ebp-workbench" : userHome;
        String folder = Path.of(home, "cache", "javacpp").toString();
        System.setProperty(CACHE_PROPERTY, folder);
        return folder;
    }

    /** The libopenblas files mapped into this process that are not under {@code cache}. */
    static List<String> foreignOpenBlas(String cache) {
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String file = line.substring(slash);
                String name = file.substring(file.lastIndexOf('/') + 1);
                if (name.startsWith("libopenblas") && !file.startsWith(cache) && !found.contains(file)) {
                    found.add(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: nothing to report.
        }
        return found;
    }

    /**
     * A 2 x 2 product in each precision through the native calls, compared exactly (small
     * integers are exact in float): a library that loaded but computes wrongly (a broken kernel
     * for this CPU) must not be used.
     */
    private static String selfTest() {
        try (FloatPointer fa = new FloatPointer(1f, 2f, 3f, 4f);
             FloatPointer fc = new FloatPointer(4);
             DoublePointer da = new DoublePointer(1, 2, 3, 4);
             DoublePointer dc = new DoublePointer(4)) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, openblas.CblasNoTrans, openblas.CblasTrans, 2, 2, 2,
                    1f, fa, 2, fa, 2, 0f, fc, 2);
            openblas.cblas_dgemm(openblas.CblasRowMajor, openblas.CblasTrans, openblas.CblasNoTrans, 2, 2, 2,
                    1, da, 2, da, 2, 0, dc, 2);
            // A A' = [[5, 11], [11, 25]]; A' A = [[10, 14], [14, 20]].
            float[] s = new float[4];
            double[] d = new double[4];
            fc.get(s);
            dc.get(d);
            if (s[0] != 5 || s[1] != 11 || s[2] != 11 || s[3] != 25) {
                return "its self-test sgemm computed " + java.util.Arrays.toString(s) + " instead of [5, 11, 11, 25]";
            }
            if (d[0] != 10 || d[1] != 14 || d[2] != 14 || d[3] != 20) {
                return "its self-test dgemm computed " + java.util.Arrays.toString(d) + " instead of [10, 14, 14, 20]";
            }
            return null;
        } catch (Throwable e) {
            return "its self-test failed (" + oneLine(e) + ")";
        }
    }

    /** The exception's class and message on one line, cut to about 160 characters. */
    static String oneLine(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}

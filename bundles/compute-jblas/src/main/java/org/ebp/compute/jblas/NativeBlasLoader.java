package org.ebp.compute.jblas;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jblas.NativeBlas;
import org.jblas.util.LibraryLoader;
import org.jblas.util.Logger;

/**
 * Finds out which native jblas library this JVM can use, loads it, and checks every routine the
 * provider calls on a tiny problem with a known answer.
 *
 * <p>How jblas loads (NativeBlas's static initialiser): {@code System.loadLibrary("jblas")}
 * first, which finds a libjblas.so on java.library.path (Debian's package puts one linked to the
 * system BLAS/LAPACK, usually OpenBLAS, into /usr/lib/jni); if that fails it extracts its own
 * statically linked library to a temporary folder and loads that. It swallows every
 * UnsatisfiedLinkError, so a missing library only shows on the first call. This class therefore
 * calls {@code System.loadLibrary("jblas")} itself first, from the same class loader (jblas is
 * private to this bundle), to learn whether the system library is there (jblas's own call is then
 * a no-op), and ends with a self-test instead of trusting the initialiser.
 *
 * <p>Native libraries are per class loader and per JVM: a second probe in the same class loader
 * finds everything loaded already and is cheap.
 */
final class NativeBlasLoader {

    /** The jblas version embedded in this bundle (org.jblas.Info still says 1.2.4 in this release). */
    static final String JBLAS_VERSION = "1.2.5";

    private static final String LIBRARY = "jblas";

    private NativeBlasLoader() {
    }

    /**
     * Outcome of a probe.
     *
     * @param nativeUsable true when every native routine passed the self-test
     * @param library      the one-line description for {@code library()}
     * @param warning      one line to log, or null
     */
    record Status(boolean nativeUsable, String library, String warning) {
    }

    /** Loads according to {@code mode}; never throws. */
    static Status load(NativeMode mode) {
        if (mode == NativeMode.JAVA) {
            return new Status(false, "pure Java (native BLAS disabled by "
                    + JblasComputeService.NATIVE_PROPERTY + "=java)", null);
        }
        String otherOpenBlas = otherOpenBlasInProcess();
        if (otherOpenBlas != null) {
            return new Status(false, "pure Java (native BLAS not loaded: " + otherOpenBlas + ")", null);
        }
        String fileName = System.mapLibraryName(LIBRARY);
        Path systemFile = findOnLibraryPath(fileName);
        String systemError = null;
        try {
            System.loadLibrary(LIBRARY);
        } catch (Throwable e) {
            systemError = oneLine(e);
        }
        boolean systemLoaded = systemError == null;
        if (mode == NativeMode.SYSTEM && !systemLoaded) {
            String reason = JblasComputeService.NATIVE_PROPERTY + "=system but the system " + fileName
                    + " did not load (" + systemError + "); install the Debian package 'jblas' or unset "
                    + JblasComputeService.NATIVE_PROPERTY;
            return pureJava(reason);
        }
        // jblas's loader prints progress to stderr at level INFO (and "Deleting ..." at shutdown);
        // this class reports the outcome itself, in one line.
        quietJblasLogger();
        String selfTestError;
        boolean nothingBound = false;
        try {
            Class.forName("org.jblas.NativeBlas", true, NativeBlasLoader.class.getClassLoader());
            selfTestError = selfTest();
        } catch (Throwable e) {
            selfTestError = oneLine(rootCause(e));
            nothingBound = e instanceof LinkageError;   // UnsatisfiedLinkError or a class that failed to load
        }
        if (selfTestError != null) {
            String reason;
            if (systemLoaded) {
                reason = "the system " + fileName + " (" + describe(systemFile) + ") loaded but failed the self-test: "
                        + selfTestError + "; remove it from java.library.path to use jblas's bundled library";
            } else {
                String bundledError = nothingBound ? diagnoseBundled(selfTestError) : selfTestError;
                reason = "no " + fileName + " on java.library.path (" + systemError + "), and jblas's bundled library "
                        + "did not load: " + bundledError
                        + (bundledError.contains("libgfortran") ? "; install the OS package libgfortran5" : "");
            }
            return pureJava(reason);
        }
        if (systemLoaded) {
            String blas = mappedBlasName();
            String line = "jblas " + JBLAS_VERSION + " with system " + fileName + " (" + describe(systemFile)
                    + (blas == null ? "" : ", " + blas) + ")";
            if (mode == NativeMode.BUNDLED) {
                String note = JblasComputeService.NATIVE_PROPERTY + "=bundled is not possible while "
                        + describe(systemFile) + " is on java.library.path, because jblas always loads that first; "
                        + "start the JVM with a -Djava.library.path without it";
                return new Status(true, line + "; " + note, note);
            }
            return new Status(true, line, null);
        }
        String extracted = mappedJblasOtherThan(systemFile);
        // A system library that exists but did not load is worth naming: after a bundle update
        // it is still held by the previous class loader until that is garbage collected.
        String systemNote = systemFile == null ? "" : "; " + systemFile + " not used: " + systemError;
        return new Status(true, "jblas " + JBLAS_VERSION + " with its bundled native library"
                + (extracted == null ? "" : " (" + extracted + ")") + systemNote, null);
    }

    /**
     * System property the openblas compute provider sets (to its cache folder) before it loads
     * its OpenBLAS 0.3.31 into the process.
     */
    static final String OPENBLAS_MARKER = "ebp.compute.openblas.loaded";

    /**
     * Why jblas must not load a native library in this process, or null. Debian's OpenBLAS,
     * which jblas's libraries link to, shares the soname libopenblas.so.0 with the openblas
     * provider's OpenBLAS: loaded second, its BLAS wrappers bind to the other version's
     * internals and crash (seen: SIGSEGV in dgemm_oncopy_ZEN during jblas's own load check).
     */
    static String otherOpenBlasInProcess() {
        String marker = System.getProperty(OPENBLAS_MARKER);
        String mapped = mappedForeignOpenBlas();
        if (marker == null && mapped == null) {
            return null;
        }
        return "the openblas provider's OpenBLAS is loaded in this process (" + (mapped != null ? mapped : marker)
                + "), and the Debian OpenBLAS that jblas links to would crash against it; use compute openblas";
    }

    /** A mapped libopenblas outside the system folders (/usr, /lib), or null. */
    private static String mappedForeignOpenBlas() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                String file = line.substring(slash);
                if (file.substring(file.lastIndexOf('/') + 1).startsWith("libopenblas")
                        && !file.startsWith("/usr/") && !file.startsWith("/lib")) {
                    return file;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // No /proc: nothing known.
        }
        return null;
    }

    private static Status pureJava(String reason) {
        return new Status(false, "pure Java (no native BLAS could load: " + reason + ")",
                "jblas compute provider: no native BLAS could load, every call runs in pure Java (slow): " + reason);
    }

    private static void quietJblasLogger() {
        try {
            Logger.getLogger().setLevel(Logger.ERROR + 1);
        } catch (Throwable ignored) {
            // jblas classes missing: the self-test reports that.
        }
    }

    /**
     * Runs every native routine the provider uses on a 2 x 2 problem with a known answer, so that
     * a library that loads but lacks a symbol (an older system libjblas.so) or computes garbage
     * is rejected now rather than failing in the middle of a training run.
     *
     * @return null when all pass, else what failed
     */
    static String selfTest() {
        // Column-major A = [[1, 3], [2, 4]], B = [[5, 7], [6, 8]]; A B = [[23, 31], [34, 46]].
        double[] a = {1, 2, 3, 4};
        double[] b = {5, 6, 7, 8};
        double[] c = new double[4];
        NativeBlas.dgemm('N', 'N', 2, 2, 2, 1.0, a, 0, 2, b, 0, 2, 0.0, c, 0, 2);
        if (!close(c, 23, 34, 31, 46)) {
            return "dgemm gave a wrong product";
        }
        float[] fa = {1, 2, 3, 4};
        float[] fb = {5, 6, 7, 8};
        float[] fc = new float[4];
        NativeBlas.sgemm('N', 'N', 2, 2, 2, 1f, fa, 0, 2, fb, 0, 2, 0f, fc, 0, 2);
        if (!close(new double[] {fc[0], fc[1], fc[2], fc[3]}, 23, 34, 31, 46)) {
            return "sgemm gave a wrong product";
        }
        double[] y = new double[2];
        NativeBlas.dgemv('N', 2, 2, 1.0, a, 0, 2, new double[] {1, 1}, 0, 1, 0.0, y, 0, 1);
        if (!close(y, 4, 6)) {
            return "dgemv gave a wrong product";
        }
        // S = [[2, 1], [1, 3]]: S x = (3, 5) has x = (0.8, 1.4).
        double[] rhs = {3, 5};
        int info = NativeBlas.dgesv(2, 1, new double[] {2, 1, 1, 3}, 0, 2, new int[2], 0, rhs, 0, 2);
        if (info != 0 || !close(rhs, 0.8, 1.4)) {
            return "dgesv failed (info " + info + ")";
        }
        rhs = new double[] {3, 5};
        info = NativeBlas.dposv('U', 2, 1, new double[] {2, 1, 1, 3}, 0, 2, rhs, 0, 2);
        if (info != 0 || !close(rhs, 0.8, 1.4)) {
            return "dposv failed (info " + info + ")";
        }
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        double[] w = new double[2];
        info = NativeBlas.dsyevr('V', 'A', 'U', 2, new double[] {2, 1, 1, 2}, 0, 2, 0, 0, 0, 0, 0.0,
                new int[1], 0, w, 0, new double[4], 0, 2, new int[4], 0);
        if (info != 0 || !close(w, 1, 3)) {
            return "dsyevr failed (info " + info + ")";
        }
        // diag(3, 4) has singular values 4 and 3.
        double[] s = new double[2];
        info = NativeBlas.dgesvd('S', 'S', 2, 2, new double[] {3, 0, 0, 4}, 0, 2, s, 0,
                new double[4], 0, 2, new double[4], 0, 2);
        if (info != 0 || !close(s, 4, 3)) {
            return "dgesvd failed (info " + info + ")";
        }
        return null;
    }

    private static boolean close(double[] got, double... expected) {
        for (int i = 0; i < expected.length; i++) {
            // 1e-5 relative: loose enough for the float product, tight enough to catch garbage.
            if (!(Math.abs(got[i] - expected[i]) <= 1e-5 * Math.abs(expected[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why jblas's bundled library failed: jblas swallowed the error, so extract and load it again
     * to get the message. Only called when no native method could be linked, i.e. the library is
     * not loaded, so rewriting its temporary file cannot disturb a mapped copy.
     */
    private static String diagnoseBundled(String selfTestError) {
        try {
            new LibraryLoader().loadLibrary(LIBRARY, true);
            return selfTestError;
        } catch (Throwable e) {
            // For a jblas class whose static initialiser failed in the first attempt, the root
            // cause (recorded by the JVM) holds that first error.
            return oneLine(rootCause(e));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The first file named {@code fileName} in a directory of java.library.path, or null. */
    static Path findOnLibraryPath(String fileName) {
        String paths = System.getProperty("java.library.path", "");
        for (String dir : paths.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, fileName);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String describe(Path file) {
        return file == null ? "found by the dynamic linker" : file.toString();
    }

    /**
     * The BLAS the system library is linked to, read from the process's mapped libraries
     * (Linux /proc/self/maps); null when unknown.
     */
    private static String mappedBlasName() {
        List<String> maps = procSelfMaps();
        String[][] known = {{"openblas", "OpenBLAS"}, {"libmkl", "Intel MKL"}, {"libblis", "BLIS"},
            {"atlas", "ATLAS"}};
        for (String[] k : known) {
            for (String line : maps) {
                if (fileNameOf(line).toLowerCase(Locale.ROOT).contains(k[0])) {
                    return k[1];
                }
            }
        }
        for (String line : maps) {
            if (fileNameOf(line).startsWith("libblas.so")) {
                return "reference BLAS";
            }
        }
        return null;
    }

    /** Path of a mapped libjblas.so other than the system one (jblas's extracted copy), or null. */
    private static String mappedJblasOtherThan(Path systemFile) {
        String name = "/" + System.mapLibraryName(LIBRARY);
        for (String line : procSelfMaps()) {
            int slash = line.indexOf('/');
            if (slash < 0 || !line.endsWith(name)) {
                continue;
            }
            String path = line.substring(slash);
            if (systemFile == null || !path.equals(systemFile.toString())) {
                return path;
            }
        }
        return null;
    }

    private static String fileNameOf(String mapsLine) {
        return mapsLine.substring(mapsLine.lastIndexOf('/') + 1);
    }

    private static List<String> procSelfMaps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** A throwable as one line: its class and message, with line breaks removed. */
    static String oneLine(Throwable e) {
        String msg = e.getMessage();
        String text = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        return text.replaceAll("\\s+", " ").trim();
    }
}

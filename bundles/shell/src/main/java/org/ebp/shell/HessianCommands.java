package org.ebp.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.session.HessianTools;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.ebp.io.SafeFiles;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code hessian eig} and {@code hessian spectrum}: eigenvalues of the current network's Hessian
 * (sections 1.5, 1.7, 1.8 of the paper), and eta_opt = 1 / lambda_max (eq 39).
 */
@Component(service = {HessianCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=hessian"})
public class HessianCommands implements DeclaredCommands {

    /** The one setting of hessian spectrum the shell handles itself; the session declares the others. */
    static final ParameterSpec FILE = ParameterSpec.text("file", "none", "a CSV file to write (index,eigenvalue)");

    /**
     * The declarations of {@code hessian eig} and {@code hessian spectrum}: the settings the
     * session declares and checks ({@link HessianTools#largestEigenvalueSettings()},
     * {@link HessianTools#spectrumSettings()}), and {@code file=}. Undeclared settings pass
     * unchecked here to a session that checks them itself.
     */
    static List<CommandSpec> declared(List<ParameterSpec> eig, List<ParameterSpec> spectrum) {
        CommandSpec eigSpec = CommandSpec.of("hessian", "eig", "inspect",
                "lambda_max of the Hessian and eta_opt = 1/lambda_max (eqs 38-39)", List.of(), eig);
        CommandSpec spectrumSpec = CommandSpec.of("hessian", "spectrum", "inspect",
                "the k largest eigenvalues of the Hessian, optionally as CSV", List.of(), spectrum)
                .withMoreSettings(List.of(FILE));
        return List.of(eig.isEmpty() ? eigSpec.withOpenSettings() : eigSpec,
                spectrum.isEmpty() ? spectrumSpec.withOpenSettings() : spectrumSpec);
    }

    @Override
    public List<CommandSpec> commands() {
        TrainingSession session = workbench.session();
        return session instanceof HessianTools tools
                ? declared(tools.largestEigenvalueSettings(), tools.spectrumSettings()) : declared(List.of(), List.of());
    }

    @Reference
    private Workbench workbench;

    @Descriptor("hessian eig [key=value...]: lambda_max of the Hessian and eta_opt = 1/lambda_max; hessian spectrum "
            + "[key=value...]: the k largest eigenvalues, optionally written as CSV; help hessian eig and help hessian "
            + "spectrum list the settings the session declares")
    public void hessian(CommandSession session,
                        @Descriptor("eig or spectrum") String what,
                        @Descriptor("key=value settings") String... settings) throws IOException {
        PrintStream out = System.out;
        HessianTools tools = tools();
        String sub = what.trim().toLowerCase(Locale.ROOT);
        List<CommandSpec> specs = declared(tools.largestEigenvalueSettings(), tools.spectrumSettings());
        LinkedHashMap<String, String> map = sub.equals("eig") || sub.equals("spectrum")
                ? CommandIndex.in(specs, "hessian", sub).settings(settings, 0) : KeyValues.parse(settings, 0);
        switch (sub) {
            case "eig" -> {
                HessianTools.Spectrum s = tools.largestEigenvalue(map);
                double lambda = s.eigenvalues()[0];
                out.println("lambda_max = " + number(lambda) + " (" + s.method() + ", split " + s.split() + ", "
                        + s.examples() + " examples, " + s.parameters() + " parameters, " + s.products()
                        + " products, " + String.format(Locale.ROOT, "%.2f s", s.seconds()) + ")");
                if (s.eigenvalues().length > 1) {
                    out.println("lambda_min = " + number(s.eigenvalues()[s.eigenvalues().length - 1]));
                }
                out.println(CurvatureAdvice.forLargest(lambda));
                if (!s.note().isEmpty()) {
                    out.println(s.note());
                }
            }
            case "spectrum" -> {
                String file = map.remove("file");
                // refuse a bad file= before the spectrum, which may take minutes, is computed
                Path target = file == null ? null : SafeFiles.checkWritable(ShellPaths.resolve(session, file));
                HessianTools.Spectrum s = tools.spectrum(map);
                out.println(s.eigenvalues().length + " largest eigenvalues (" + s.method() + ", split " + s.split() + ", "
                        + s.examples() + " examples, " + s.parameters() + " parameters, "
                        + String.format(Locale.ROOT, "%.2f s", s.seconds()) + "):");
                StringBuilder csv = new StringBuilder("index,eigenvalue\n");
                for (int i = 0; i < s.eigenvalues().length; i++) {
                    out.println(String.format(Locale.ROOT, "%4d  %s", i + 1, number(s.eigenvalues()[i])));
                    csv.append(i + 1).append(',').append(s.eigenvalues()[i]).append('\n');
                }
                if (!s.note().isEmpty()) {
                    out.println(s.note());
                }
                if (target != null) {
                    write(target, csv.toString());
                    out.println("wrote " + target);
                }
            }
            default -> throw new IllegalArgumentException("hessian " + what + " is not a command; use hessian eig or "
                    + "hessian spectrum");
        }
    }

    private HessianTools tools() {
        TrainingSession session = workbench.session();
        if (session instanceof HessianTools tools) {
            return tools;
        }
        throw new IllegalStateException("this workbench's sessions have no Hessian tools");
    }

    /** Writes through {@link SafeFiles}: atomic, and never over a device, folder or read-only file. */
    private static void write(Path target, String text) throws IOException {
        SafeFiles.writeString(target, text);
    }

    private static String number(double v) {
        return CurvatureAdvice.number(v);
    }
}

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

    private static final List<ParameterSpec> COMMON = List.of(
            ParameterSpec.text("split", "auto", "split analysed: a split name, all, or auto (train if split, else all)"),
            ParameterSpec.integer("examples", 500, 0, Integer.MAX_VALUE, "examples of the split (a seeded subset); 0: all"),
            ParameterSpec.longInt("seed", 1, "seed of the subset and of the start vector"),
            ParameterSpec.choice("products", "exact", List.of("exact", "finite-difference"),
                    "Hessian-vector products: exact (R-operator) or finite differences of gradients"));

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("hessian", "eig", "inspect", "lambda_max of the Hessian and eta_opt = 1/lambda_max (eqs 38-39)",
                    List.of(), List.of(ParameterSpec.choice("method", "power", List.of("power", "online", "exact"),
                                    "power iteration, the online estimate (eq 64), or exact eigenvalues"))).withMoreSettings(COMMON)
                    .withOpenSettings(),
            CommandSpec.of("hessian", "spectrum", "inspect", "the k largest eigenvalues of the Hessian, optionally as CSV",
                    List.of(), List.of(ParameterSpec.integer("k", 10, 1, 100000, "number of largest eigenvalues"),
                            ParameterSpec.choice("method", "lanczos", List.of("lanczos", "exact"), "Lanczos or exact"),
                            ParameterSpec.text("file", "none", "a CSV file to write (index,eigenvalue)")))
                    .withMoreSettings(COMMON).withOpenSettings());

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    @Reference
    private Workbench workbench;

    @Descriptor("hessian eig [method=power|online|exact] [split=auto] [examples=500] [seed=1] [products=exact|finite-difference]: "
            + "lambda_max of the Hessian and eta_opt = 1/lambda_max; hessian spectrum [k=10] [method=lanczos|exact] "
            + "[file=spectrum.csv]: the k largest eigenvalues, optionally written as CSV (index,eigenvalue)")
    public void hessian(CommandSession session,
                        @Descriptor("eig or spectrum") String what,
                        @Descriptor("key=value settings") String... settings) throws IOException {
        PrintStream out = System.out;
        LinkedHashMap<String, String> map = KeyValues.parse(settings, 0);
        HessianTools tools = tools();
        switch (what.trim().toLowerCase(Locale.ROOT)) {
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

package org.ebp.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
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
@Component(service = HessianCommands.class, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=hessian"})
public class HessianCommands {

    @Reference
    private Workbench workbench;

    @Descriptor("hessian eig [method=power|online|exact] [split=auto] [examples=500] [seed=1] [products=exact|finite-difference]: "
            + "lambda_max of the Hessian and eta_opt = 1/lambda_max; hessian spectrum [k=10] [method=lanczos|exact] "
            + "[file=spectrum.csv]: the k largest eigenvalues, optionally written as CSV (index,eigenvalue)")
    public void hessian(CommandSession session,
                        @Descriptor("eig or spectrum") String what,
                        @Descriptor("key=value settings") String... settings) throws IOException {
        PrintStream out = session.getConsole();
        LinkedHashMap<String, String> map = KeyValues.parse(settings, 0);
        HessianTools tools = tools();
        switch (what.trim().toLowerCase(Locale.ROOT)) {
            case "eig" -> {
                HessianTools.Spectrum s = tools.largestEigenvalue(map);
                double lambda = s.eigenvalues()[0];
                out.println("lambda_max = " + number(lambda) + " (" + s.method() + ", split " + s.split() + ", "
                        + s.examples() + " examples, " + s.parameters() + " parameters, " + s.products()
                        + " products, " + String.format(Locale.ROOT, "%.2f s", s.seconds()) + ")");
                out.println("eta_opt = 1/lambda_max = " + number(1 / Math.abs(lambda)) + "; batch gradient descent "
                        + "diverges above 2/lambda_max = " + number(2 / Math.abs(lambda)) + " (eqs 38-39)");
                if (!s.note().isEmpty()) {
                    out.println(s.note());
                }
            }
            case "spectrum" -> {
                String file = map.remove("file");
                // refuse a bad file= before the spectrum, which may take minutes, is computed
                Path target = file == null ? null : SafeFiles.checkWritable(Path.of(file).toAbsolutePath());
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
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

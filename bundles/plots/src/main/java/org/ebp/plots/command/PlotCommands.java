package org.ebp.plots.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.command.CommandDeclaration;
import org.ebp.api.command.CommandDeclarations;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.runs.RunRecords;
import org.ebp.api.session.HessianTools;
import org.ebp.api.session.InputSpectrumStage;
import org.ebp.api.session.TrainingSession;
import org.ebp.api.session.Workbench;
import org.ebp.plots.chart.Chart;
import org.ebp.plots.figure.CurvesFigure;
import org.ebp.plots.figure.FigureFile;
import org.ebp.plots.figure.InputsFigure;
import org.ebp.plots.figure.RunCurves;
import org.ebp.plots.figure.SpectrumFigure;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code plot curves|spectrum|inputs file=F.png|F.svg}: the session's training curves, the
 * Hessian's top eigenvalues and the input covariance eigenvalues at each transform, as files.
 */
@Component(service = {PlotCommands.class, CommandDeclarations.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=plot"})
public class PlotCommands implements CommandDeclarations {

    @Reference
    private Workbench workbench;

    /** The run records of the workbench home, when their service is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RunRecords records;

    @Activate
    void activate() {
        // the workbench has no display; Java2D must not look for one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @Override
    public List<CommandDeclaration> commands() {
        return PlotSettings.declarations(spectrumSettings(workbench.session()));
    }

    @Descriptor("plot curves|spectrum|inputs [RUN...] file=F.png|F.svg [key=value...]: training curves of the session or "
            + "of recorded runs, the Hessian's largest eigenvalues, or the input covariance eigenvalues per transform; "
            + "help plot curves (spectrum, inputs) lists the settings")
    public void plot(CommandSession shell,
                     @Descriptor("curves, spectrum or inputs") String what,
                     @Descriptor("runs and key=value settings") String... words) throws IOException {
        PrintStream out = shell.getConsole();
        List<String> runs = new ArrayList<>();
        LinkedHashMap<String, String> settings = new LinkedHashMap<>();
        split(words, runs, settings);
        TrainingSession session = workbench.session();
        String sub = what.trim().toLowerCase(Locale.ROOT);
        CommandDeclaration declared = PlotSettings.declarations(spectrumSettings(session)).stream()
                .filter(d -> d.sub().equals(sub)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plot " + what + " is not a plot; use plot curves, plot "
                        + "spectrum or plot inputs"));
        if (!sub.equals("curves")) {
            noRuns(sub, runs);
        }
        // every key checked against the declaration help and completion show
        declared.check(settings);
        Settings figure = Settings.parse(declared.fullName(), PlotSettings.FIGURE, figureOnly(settings));
        switch (sub) {
            case "curves" -> {
                List<RunCurves> curves = curves(session, runs);
                if (curves.stream().allMatch(c -> c.epochs().isEmpty())) {
                    throw new IllegalStateException("no epochs trained yet, so there is no curve to plot; train first, "
                            + "e.g. train 10");
                }
                Path file = write(shell, figure, CurvesFigure.of(curves));
                int epochs = curves.stream().mapToInt(c -> c.epochs().size()).sum();
                out.println("wrote " + file + " (" + epochs + " epoch" + (epochs == 1 ? "" : "s") + " of "
                        + String.join(", ", curves.stream().map(RunCurves::name).toList()) + ")");
            }
            case "spectrum" -> {
                Map<String, String> hessian = new LinkedHashMap<>(settings);
                hessian.keySet().removeIf(PlotSettings::isFigureSetting);
                HessianTools.Spectrum spectrum = spectrum(session, hessian);
                Path file = write(shell, figure, SpectrumFigure.of(spectrum));
                out.println("wrote " + file + " (" + spectrum.eigenvalues().length + " eigenvalues, " + spectrum.method()
                        + ")");
            }
            default -> {
                List<InputSpectrumStage> stages = session.inputSpectra();
                Path file = write(shell, figure, InputsFigure.of(stages));
                out.println("wrote " + file + " (" + stages.size() + " stage" + (stages.size() == 1 ? "" : "s") + ": "
                        + String.join(", ", stages.stream().map(InputSpectrumStage::stage).toList()) + ")");
            }
        }
    }

    /** The Hessian spectrum's settings as the session declares them; none without Hessian tools. */
    private static List<ParameterSpec> spectrumSettings(TrainingSession session) {
        return session instanceof HessianTools tools ? tools.spectrumSettings() : List.of();
    }

    /** The figure's settings among those given. */
    private static Map<String, String> figureOnly(Map<String, String> given) {
        Map<String, String> figure = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (PlotSettings.isFigureSetting(k)) {
                figure.put(k, v);
            }
        });
        return figure;
    }

    /** The runs to draw: the current session when none is named, else the named run records. */
    private List<RunCurves> curves(TrainingSession session, List<String> runs) {
        if (runs.isEmpty()) {
            return List.of(new RunCurves("session", session.epochs(), session.history()));
        }
        List<RunCurves> curves = new ArrayList<>();
        for (String run : runs) {
            if (run.equals("session")) {
                curves.add(new RunCurves("session", session.epochs(), session.history()));
                continue;
            }
            RunRecords source = records;
            if (source == null) {
                throw new IllegalStateException("no run records service is installed, so run '" + run + "' cannot be read; "
                        + "plot curves without run names draws the current session");
            }
            RunRecord record = source.get(run);
            curves.add(new RunCurves("run " + record.id(), record.epochs(), record.events()));
        }
        return curves;
    }

    /** The latest spectrum when no setting asks for another one; else computed now. */
    private static HessianTools.Spectrum spectrum(TrainingSession session, Map<String, String> settings) {
        if (!(session instanceof HessianTools tools)) {
            throw new IllegalStateException("this workbench's sessions have no Hessian tools");
        }
        HessianTools.Spectrum latest = tools.latestSpectrum();
        return settings.isEmpty() && latest != null ? latest : tools.spectrum(settings);
    }

    private static void noRuns(String plot, List<String> runs) {
        if (!runs.isEmpty()) {
            throw new IllegalArgumentException("plot " + plot + " takes key=value settings only, not '" + runs.get(0)
                    + "'; e.g. plot " + plot + " file=" + plot + ".png");
        }
    }

    private static Path write(CommandSession shell, Settings s, List<Chart> charts) throws IOException {
        Path file = Path.of(s.getString("file"));
        Path dir = shell.currentDir();
        Path target = file.isAbsolute() || dir == null ? file.toAbsolutePath() : dir.resolve(file);
        return FigureFile.write(target, charts, s.getInt("width"), s.getInt("height"));
    }

    /** Words with '=' are settings (each once), the others run names. */
    static void split(String[] words, List<String> runs, Map<String, String> settings) {
        for (String w : words == null ? new String[0] : words) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                runs.add(w.trim());
                continue;
            }
            String key = w.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("expected key=value, got '" + w + "'; e.g. file=curves.png");
            }
            if (settings.put(key, w.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("setting '" + key + "' is given twice; give it once");
            }
        }
    }
}

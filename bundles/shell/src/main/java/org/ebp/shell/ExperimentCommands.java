package org.ebp.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.TrainingListener;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code experiment save FILE [epochs=N]} and {@code experiment run FILE}: what makes a run, as a file that makes it again. */
@Component(service = ExperimentCommands.class, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=experiment"})
public class ExperimentCommands {

    @Reference
    private Workbench workbench;

    @Descriptor("experiment save FILE [epochs=N]: write what makes the current network (data source and settings, split, "
            + "transforms, net, optimizer, schedule, sampler, compute, the last train call's settings and seeds; epochs: as "
            + "many as trained so far) as versioned JSON; experiment run FILE: load, split, transform, build, choose and train "
            + "as the file says, giving the same network bit for bit on the same machine")
    public void experiment(CommandSession session,
                           @Descriptor("save or run") String what,
                           @Descriptor("the experiment file, then settings") String... args) throws IOException, DataFormatException {
        PrintStream out = session.getConsole();
        List<String> words = args == null ? List.of() : List.of(args);
        if (words.isEmpty() || words.get(0).contains("=")) {
            throw new IllegalArgumentException("experiment " + what + " needs a file first, e.g. experiment " + what + " run.json");
        }
        Path file = Path.of(words.get(0)).toAbsolutePath();
        LinkedHashMap<String, String> settings = KeyValues.parse(words.subList(1, words.size()));
        switch (what.trim().toLowerCase(Locale.ROOT)) {
            case "save" -> out.println(workbench.session().saveExperiment(file, settings));
            case "run" -> {
                if (!settings.isEmpty()) {
                    throw new IllegalArgumentException("experiment run takes only the file; its settings are in the file");
                }
                List<EpochReport> reports = workbench.session().runExperiment(file, new TrainingListener() {
                    @Override
                    public void epochFinished(EpochReport report) {
                        out.println(Text.epoch(report));
                        out.flush();
                    }

                    @Override
                    public void message(String text) {
                        out.println(text);
                        out.flush();
                    }
                });
                double total = reports.stream().mapToDouble(EpochReport::seconds).sum();
                out.printf("trained %d epoch%s in %.2f s%n", reports.size(), reports.size() == 1 ? "" : "s", total);
            }
            default -> throw new IllegalArgumentException("experiment " + what + " is not a command; use experiment save FILE "
                    + "or experiment run FILE");
        }
    }
}

package org.ebp.shell;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Commands for data: {@code data load|split|info} and {@code transform}. */
@Component(service = DataCommands.class, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=data",
        "osgi.command.function=transform"})
public class DataCommands {

    static final String DATA_USAGE = "usage: data load SOURCE [key=value...] | data split train=0.8 test=0.2 [seed=1] [stratify=true] | data info [SPLIT]";

    @Reference
    private Workbench workbench;

    @Descriptor("data load SOURCE [key=value...]: load a dataset (digits, iris, wine, csv path=..., idx images=... labels=..., fashion-mnist); "
            + "data split train=0.8 test=0.2 [validation=...] [seed=1] [stratify=true]: split it; "
            + "data info [SPLIT]: sizes, classes, feature ranges")
    public void data(CommandSession session,
                     @Descriptor("load, split or info") String action,
                     @Descriptor("source name or split name, then key=value settings") String... args) throws DataFormatException {
        PrintStream out = session.getConsole();
        switch (action) {
            case "load" -> {
                if (args.length == 0) {
                    throw new IllegalArgumentException("data load needs a source name, e.g. data load digits; 'components dataset' lists the sources");
                }
                out.println(workbench.session().loadData(args[0], KeyValues.parse(args, 1)));
            }
            case "split" -> {
                Map<String, Integer> parts = workbench.session().split(KeyValues.parse(args, 0));
                StringBuilder b = new StringBuilder("split:");
                parts.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
                out.println(b);
            }
            case "info", "stats" -> {
                if (args.length > 1) {
                    throw new IllegalArgumentException("data info takes at most one split name, e.g. data info train");
                }
                for (String line : workbench.session().describe(args.length == 0 ? "all" : args[0])) {
                    out.println(line);
                }
            }
            default -> throw new IllegalArgumentException("unknown data action '" + action + "'; " + DATA_USAGE);
        }
    }

    @Descriptor("data load needs an action")
    public void data(CommandSession session) {
        throw new IllegalArgumentException(DATA_USAGE);
    }

    @Descriptor("transform NAME [key=value...]: fit an input transform (center, scale, standardize, ...) on the train split and apply it to every split")
    public void transform(CommandSession session,
                          @Descriptor("transform name; 'components transform' lists them") String name,
                          @Descriptor("key=value settings") String... settings) {
        LinkedHashMap<String, String> map = KeyValues.parse(settings, 0);
        for (String line : workbench.session().fitTransform(name, map)) {
            session.getConsole().println(line);
        }
    }
}

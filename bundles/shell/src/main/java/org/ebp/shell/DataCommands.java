package org.ebp.shell;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.session.Workbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Commands for data: {@code data load|split|info|stats} and {@code transform NAME|chain|recipe|list|clear|save|load}.
 */
@Component(service = {DataCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=data",
        "osgi.command.function=transform"})
public class DataCommands implements DeclaredCommands {

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("data", "load", "data", "load a dataset: digits, iris, wine, breast-cancer, csv path=F, "
                            + "idx images=F labels=F, fashion-mnist",
                    List.of(ArgSpec.component("SOURCE", "the data source; components dataset lists them", ComponentKind.DATASET)),
                    List.of()).withComponentSettings(new CommandSpec.ComponentSettings(ComponentKind.DATASET, -1, 0)),
            CommandSpec.of("data", "split", "data", "named, stratified, seeded splits; train gets what the others leave",
                    List.of(), List.of(ParameterSpec.text("train", "rest", "fraction of the train split"),
                            ParameterSpec.text("test", "0.2", "fraction of the test split"),
                            ParameterSpec.text("validation", "0", "fraction of the validation split"),
                            ParameterSpec.longInt("seed", 1, "seed of the split"),
                            ParameterSpec.bool("stratify", true, "keep the class proportions in every split"),
                            ParameterSpec.choice("from", "train", List.of("all", "train"),
                                    "with official splits: divide the official train split, or all the data")))
                    .withOpenSettings(),
            CommandSpec.of("data", "info", "data", "size, classes and counts of the data or of a split",
                    List.of(ArgSpec.split("[SPLIT]", "a split name (default: all the data)")), List.of()),
            CommandSpec.of("data", "stats", "data", "feature mean and variance ranges, condition number of the input "
                            + "covariance, LMS Hessian eigenvalues",
                    List.of(ArgSpec.split("[SPLIT]", "a split name (default: all the data)")), List.of()),
            CommandSpec.of("transform", null, "data", "fit an input transform on the train split and apply it to every "
                            + "split (section 1.4.3)",
                    List.of(ArgSpec.component("NAME", "center, scale, standardize, pca, whiten, zca, ...", ComponentKind.TRANSFORM)),
                    List.of()).withComponentSettings(new CommandSpec.ComponentSettings(ComponentKind.TRANSFORM, -1, 0)),
            CommandSpec.of("transform", "chain", "data", "fit several transforms in order, all or none (default: center "
                    + "pca scale)", List.of(ArgSpec.free("[NAME[:key=value,...]...]", "the transforms in order")), List.of()),
            CommandSpec.of("transform", "recipe", "data", "the paper's order: center, pca, scale (fig. 3)", List.of(), List.of()),
            CommandSpec.of("transform", "list", "data", "the fitted transforms, in order", List.of(), List.of()),
            CommandSpec.of("transform", "clear", "data", "remove every fitted transform", List.of(), List.of()),
            CommandSpec.of("transform", "save", "data", "write the fitted chain as JSON",
                    List.of(ArgSpec.file("FILE", "the JSON file to write")), List.of()),
            CommandSpec.of("transform", "load", "data", "apply a saved chain without refitting",
                    List.of(ArgSpec.file("FILE", "a file written by transform save")), List.of()));

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    static final String DATA_USAGE = "usage: data load SOURCE [key=value...] | data split [train=0.8] test=0.2 [validation=...] "
            + "[seed=1] [stratify=true] [from=all|train] | data info [SPLIT] | data stats [SPLIT]";
    static final String TRANSFORM_USAGE = "usage: transform NAME [key=value...] | transform chain [NAME[:key=value,...]...] "
            + "| transform recipe | transform list | transform clear | transform save FILE | transform load FILE";
    /** Section 1.4.3, fig. 3: mean cancellation, KL expansion, covariance equalisation. */
    static final List<String> PAPER_ORDER = List.of("center", "pca", "scale");

    @Reference
    private Workbench workbench;

    @Descriptor("data load SOURCE [key=value...]: load a dataset (digits, iris, wine, breast-cancer, csv path=..., "
            + "idx images=... labels=..., fashion-mnist with its official train/test splits); "
            + "data split [train=0.8] test=0.2 [validation=...] [seed=1] [stratify=true] [from=all|train]: split it "
            + "(train gets what the other parts leave; with official splits, the official train split is divided unless from=all); "
            + "data info|stats [SPLIT]: sizes, classes, feature ranges, covariance condition number, LMS Hessian eigenvalue")
    public void data(CommandSession session,
                     @Descriptor("load, split, info or stats") String action,
                     @Descriptor("source name or split name, then key=value settings") String... args) throws DataFormatException {
        PrintStream out = System.out;
        switch (action) {
            case "load" -> {
                if (args.length == 0) {
                    throw new IllegalArgumentException("data load needs a source name, e.g. data load digits; 'components dataset' lists the sources");
                }
                long start = System.nanoTime();
                String summary = workbench.session().loadData(args[0], ShellPaths.resolveFiles(session, KeyValues.parse(args, 1)));
                out.println(summary + String.format(java.util.Locale.ROOT, " (%.2f s)", (System.nanoTime() - start) / 1e9));
            }
            case "split" -> {
                Map<String, Integer> parts = workbench.session().split(KeyValues.parse(args, 0));
                StringBuilder b = new StringBuilder("split:");
                parts.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
                out.println(b);
                List<String> transforms = workbench.session().status().transforms();
                if (transforms != null && !transforms.isEmpty() && parts.containsKey("train")) {
                    // the session refits the chain on the new train split (issue 12 item 4)
                    out.println("refitted " + String.join(", ", transforms) + " on the new train split (" + parts.get("train")
                            + " examples); applied to " + String.join(", ", parts.keySet()));
                }
            }
            case "info", "stats" -> {
                if (args.length > 1) {
                    throw new IllegalArgumentException("data " + action + " takes at most one split name, e.g. data " + action + " train");
                }
                for (String line : workbench.session().describe(args.length == 0 ? "all" : args[0])) {
                    out.println(line);
                }
            }
            default -> throw new IllegalArgumentException("unknown data action '" + action + "'; " + DATA_USAGE);
        }
    }

    @Descriptor("data needs an action")
    public void data(CommandSession session) {
        throw new IllegalArgumentException(DATA_USAGE);
    }

    @Descriptor("transform NAME [key=value...]: fit an input transform (center, scale, standardize, pca, whiten, zca) on the train "
            + "split and apply it to every split, after the ones already fitted; transform chain [NAME[:key=value,...]...]: fit "
            + "several in order, all or none (default center pca scale, the paper's order, fig. 3); transform recipe: the paper's "
            + "order; transform list: the fitted chain; transform clear: remove it; transform save FILE / transform load FILE: "
            + "the fitted chain as JSON")
    public void transform(CommandSession session,
                          @Descriptor("transform name ('components transform' lists them), or chain, recipe, list, clear, save, load") String name,
                          @Descriptor("key=value settings, transform names, or a file") String... args) throws Exception {
        PrintStream out = System.out;
        List<String> lines = switch (name) {
            case "list" -> {
                noArguments(name, args);
                yield workbench.session().describeTransforms();
            }
            case "clear" -> {
                noArguments(name, args);
                yield workbench.session().clearTransforms();
            }
            case "recipe" -> {
                noArguments(name, args);
                yield workbench.session().fitTransforms(parseChain(List.of()));
            }
            case "chain" -> workbench.session().fitTransforms(parseChain(args == null ? List.of() : List.of(args)));
            case "save" -> List.of(workbench.session().saveTransforms(ShellPaths.resolve(session, file(name, args).toString())));
            case "load" -> workbench.session().loadTransforms(ShellPaths.resolve(session, file(name, args).toString()));
            default -> workbench.session().fitTransform(name, KeyValues.parse(args, 0));
        };
        for (String line : lines) {
            out.println(line);
        }
    }

    @Descriptor("transform needs a name or an action")
    public void transform(CommandSession session) {
        throw new IllegalArgumentException(TRANSFORM_USAGE);
    }

    private static void noArguments(String action, String[] args) {
        if (args != null && args.length > 0) {
            throw new IllegalArgumentException("transform " + action + " takes no arguments; " + TRANSFORM_USAGE);
        }
    }

    private static Path file(String action, String[] args) {
        if (args == null || args.length != 1 || args[0].isBlank()) {
            throw new IllegalArgumentException("transform " + action + " needs one file, e.g. transform " + action + " digits-transforms.json");
        }
        return Path.of(args[0]);
    }

    /**
     * {@code NAME} or {@code NAME:key=value[,key=value]} words, e.g. {@code center pca:variance=0.99 scale};
     * none means the paper's order.
     */
    static List<Map.Entry<String, Map<String, String>>> parseChain(List<String> words) {
        List<String> items = words.isEmpty() ? PAPER_ORDER : words;
        List<Map.Entry<String, Map<String, String>>> chain = new ArrayList<>();
        for (String word : items) {
            int colon = word.indexOf(':');
            String name = (colon < 0 ? word : word.substring(0, colon)).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("'" + word + "' names no transform; write NAME or NAME:key=value, "
                        + "e.g. transform chain center pca:variance=0.99 scale");
            }
            LinkedHashMap<String, String> settings = new LinkedHashMap<>();
            if (colon >= 0 && colon < word.length() - 1) {
                settings = KeyValues.parse(List.of(word.substring(colon + 1).split(",")));
            }
            chain.add(Map.entry(name, settings));
        }
        return chain;
    }
}

package org.ebp.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.runs.RunRecords;
import org.ebp.io.SafeFiles;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code runs list|show|compare|export}: the run records kept in the workbench home, one per
 * train call, across restarts.
 */
@Component(service = {RunRecordCommands.class, DeclaredCommands.class}, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=runs"})
public class RunRecordCommands implements DeclaredCommands {

    /** The settings of {@code runs export}, declared once. */
    static final List<ParameterSpec> EXPORT_SETTINGS = List.of(
            ParameterSpec.choice("per", "run", List.of("run", "epoch"),
                    "one row per run (final metrics and settings) or one per epoch of every run"));

    static final List<CommandSpec> COMMANDS = List.of(
            CommandSpec.of("runs", "list", "runs", "every recorded training run, kept in <ebp.user.home>/runs", List.of(),
                    List.of()),
            CommandSpec.of("runs", "show", "runs", "one run: configuration, seeds, per-epoch metrics, swaps, outcome",
                    List.of(ArgSpec.free("ID", "a run id (runs list shows them)")), List.of()),
            CommandSpec.of("runs", "compare", "runs", "runs side by side",
                    List.of(ArgSpec.free("ID ID...", "two or more run ids")), List.of()),
            CommandSpec.of("runs", "export", "runs", "the runs as CSV",
                    List.of(ArgSpec.file("FILE.csv", "the CSV file to write")), EXPORT_SETTINGS));

    @Reference
    private RunRecords records;

    @Override
    public List<CommandSpec> commands() {
        return COMMANDS;
    }

    @Descriptor("runs list | runs show ID | runs compare ID ID... | runs export FILE.csv [per=run|epoch]: the record of "
            + "every training run (configuration, seeds, per-epoch metrics, swaps, outcome), kept in the workbench home "
            + "(<ebp.user.home>/runs) across restarts")
    public void runs(CommandSession session,
                     @Descriptor("list, show, compare or export") String what,
                     @Descriptor("run ids, or the CSV file and settings") String... args) throws IOException {
        PrintStream out = System.out;
        List<String> words = args == null ? List.of() : List.of(args);
        switch (what.trim().toLowerCase(Locale.ROOT)) {
            case "list" -> list(out, words);
            case "show" -> {
                if (words.size() != 1) {
                    throw new IllegalArgumentException("runs show takes one run id, e.g. runs show 1 (runs list shows them)");
                }
                RunTables.show(records.get(words.get(0))).forEach(out::println);
            }
            case "compare" -> {
                if (words.size() < 2) {
                    throw new IllegalArgumentException("runs compare takes two or more run ids, e.g. runs compare 1 2");
                }
                List<RunRecord> runs = new ArrayList<>();
                for (String id : words) {
                    runs.add(records.get(id));
                }
                RunTables.compare(runs).forEach(out::println);
            }
            case "export" -> export(session, out, words);
            default -> throw new IllegalArgumentException("runs " + what + " is not a command; use runs list, runs show ID, "
                    + "runs compare ID ID..., or runs export FILE.csv");
        }
    }

    @Descriptor("runs: the same as runs list")
    public void runs(CommandSession session) throws IOException {
        runs(session, "list");
    }

    private void list(PrintStream out, List<String> words) {
        if (!words.isEmpty()) {
            throw new IllegalArgumentException("runs list takes nothing more; runs show ID shows one run");
        }
        RunRecords.Listing listing = records.list();
        if (listing.runs().isEmpty()) {
            out.println("no runs recorded yet in " + records.folder() + "; every train call adds one");
        } else {
            RunTables.list(listing.runs()).forEach(out::println);
        }
        for (String problem : listing.problems()) {
            out.println("skipped " + problem);
        }
    }

    private void export(CommandSession session, PrintStream out, List<String> words) throws IOException {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("runs export needs a file, e.g. runs export runs.csv");
        }
        String file = words.get(0);
        if (file.contains("=")) {
            throw new IllegalArgumentException("runs export needs the file first, e.g. runs export runs.csv per=epoch");
        }
        LinkedHashMap<String, String> map = KeyValues.parse(words.subList(1, words.size()));
        Settings s = Settings.parse("runs export", EXPORT_SETTINGS, map);
        Path target = ShellPaths.resolve(session, file);
        SafeFiles.checkWritable(target);
        RunRecords.Listing listing = records.list();
        boolean perEpoch = s.getString("per").equals("epoch");
        SafeFiles.writeString(target, RunTables.csv(listing.runs(), perEpoch));
        int rows = perEpoch ? listing.runs().stream().mapToInt(r -> Math.max(1, r.epochs().size())).sum() : listing.runs().size();
        out.println("wrote " + listing.runs().size() + " run" + (listing.runs().size() == 1 ? "" : "s") + " (" + rows + " row"
                + (rows == 1 ? "" : "s") + ") to " + target);
        for (String problem : listing.problems()) {
            out.println("skipped " + problem);
        }
    }
}

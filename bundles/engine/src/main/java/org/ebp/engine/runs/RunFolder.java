package org.ebp.engine.runs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ebp.api.runs.RunRecord;
import org.ebp.api.runs.RunRecords;
import org.ebp.io.FileRefusedException;
import org.ebp.io.SafeFiles;

/**
 * The runs folder of a workbench home: one file {@code run-NNNNNN.jsonl} per run, numbered from 1.
 * A new run claims the next number by creating its file (create-new is atomic, so two workbenches
 * sharing a home never write one file).
 */
public final class RunFolder implements RunRecords {

    /** The system property naming the workbench's home. */
    public static final String HOME_PROPERTY = "ebp.user.home";

    private static final Pattern FILE_NAME = Pattern.compile("run-(\\d{1,18})\\.jsonl");

    private final Path folder;

    public RunFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** {@code <ebp.user.home>/runs}, the home defaulting to {@code ${user.home}/.ebp-workbench}. */
    public static RunFolder ofHome() {
        String home = System.getProperty(HOME_PROPERTY);
        Path base = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".ebp-workbench") : Path.of(home);
        return new RunFolder(base.resolve("runs"));
    }

    @Override
    public Path folder() {
        return folder;
    }

    /**
     * Starts the record of a new run: creates the folder when needed, claims the next number and
     * writes the start line.
     *
     * @throws IOException with a one-line message when the folder or the file cannot be written
     */
    public RunJournal begin(String group, long startedMillis, Map<String, String> configuration, Map<String, Long> seeds)
            throws IOException {
        RunJournal journal = claim();
        journal.start(group, startedMillis, configuration, seeds);
        return journal;
    }

    /** Creates the folder when needed and claims the next number with an empty file. */
    private RunJournal claim() throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new FileRefusedException("cannot keep run records in " + folder + ": it is not a folder; move it away");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new FileRefusedException("cannot create the runs folder " + folder + " (" + e.getMessage() + ")", e);
        }
        long next = highestNumber() + 1;
        for (int attempt = 0; attempt < 1000; attempt++, next++) {
            Path file = folder.resolve(fileName(next));
            SafeFiles.checkWritable(file);
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException taken) {
                continue; // another workbench on the same home took this number
            }
            return new RunJournal(file, Long.toString(next));
        }
        throw new FileRefusedException("cannot claim a run number in " + folder + " (1000 tries); is another program filling it?");
    }

    static String fileName(long number) {
        return String.format("run-%06d.jsonl", number);
    }

    private long highestNumber() throws IOException {
        long highest = 0;
        for (long n : files().keySet()) {
            highest = Math.max(highest, n);
        }
        return highest;
    }

    /** Run files by number. */
    private TreeMap<Long, Path> files() throws IOException {
        TreeMap<Long, Path> out = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "run-*.jsonl")) {
            for (Path p : stream) {
                Matcher m = FILE_NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    out.put(Long.parseLong(m.group(1)), p);
                }
            }
        }
        return out;
    }

    @Override
    public Listing list() {
        List<RunRecord> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        TreeMap<Long, Path> files;
        try {
            files = files();
        } catch (IOException e) {
            return new Listing(runs, List.of("cannot read the runs folder " + folder + " (" + e.getMessage() + ")"));
        }
        for (Path file : files.values()) {
            try {
                runs.add(RunRecordReader.read(file));
            } catch (RunRecordReader.Unreadable e) {
                problems.add(e.getMessage());
            }
        }
        return new Listing(runs, problems);
    }

    @Override
    public String export(String id) {
        RunRecord record = get(id);
        Path file = folder.resolve(fileName(Long.parseLong(record.id())));
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read run " + record.id() + " (" + file + "): " + e.getMessage());
        }
    }

    /**
     * Writes another workbench's record as the next run here: each line's run id replaced, the start
     * line given {@code origin}; torn or foreign lines refused before anything is written.
     */
    @Override
    public String adopt(String lines, String origin) throws IOException {
        List<com.google.gson.JsonObject> parsed = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
                if (!RunRecordFormat.FORMAT.equals(o.has("format") ? o.get("format").getAsString() : null)) {
                    throw new IllegalArgumentException("a line of the record from " + origin + " is not of format "
                            + RunRecordFormat.FORMAT);
                }
                parsed.add(o);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the record from " + origin + " is not a run record: " + e.getMessage(), e);
            }
        }
        if (parsed.isEmpty() || !RunRecordFormat.START.equals(parsed.get(0).get("type").getAsString())) {
            throw new IllegalArgumentException("the record from " + origin + " has no start line");
        }
        RunJournal journal = claim();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parsed.size(); i++) {
            com.google.gson.JsonObject o = parsed.get(i);
            o.addProperty("run", journal.id());
            if (i == 0) {
                o.addProperty("origin", origin);
            }
            text.append(RunRecordFormat.GSON.toJson(o)).append('\n');
        }
        Files.writeString(journal.file(), text, java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND,
                java.nio.file.StandardOpenOption.SYNC);
        return journal.id();
    }

    @Override
    public RunRecord get(String id) {
        String key = id == null ? "" : id.trim();
        if (key.startsWith("#")) {
            key = key.substring(1);
        }
        long number;
        try {
            number = Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + RunRecordReader.quote(String.valueOf(id)).replace("'", "")
                    + "' is not a run id; give a number from runs list, e.g. runs show 1");
        }
        Path file = folder.resolve(fileName(number));
        if (number < 1 || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no run " + key + " in " + folder + "; runs list shows the runs kept");
        }
        try {
            return RunRecordReader.read(file);
        } catch (RunRecordReader.Unreadable e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}

package org.ebp.api.runs;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The run records kept in the workbench's home ({@code <ebp.user.home>/runs}, one JSON-lines
 * file per run). Reading never changes a file; a torn last line (a run cut off while writing) is
 * skipped and named in the record's problems.
 */
@ProviderType
public interface RunRecords {

    /** The runs and the files that could not be read at all. */
    record Listing(List<RunRecord> runs, List<String> problems) {
        public Listing {
            runs = List.copyOf(runs);
            problems = List.copyOf(problems);
        }
    }

    /** The folder the records are in. */
    Path folder();

    /** Every run, oldest first. */
    Listing list();

    /**
     * One run by id.
     *
     * @throws IllegalArgumentException naming the id and the fix when there is no such run, or its
     *                                  file cannot be read
     */
    RunRecord get(String id);

    /**
     * One run's record as the text of its file (JSON lines), to be kept by another workbench
     * ({@link #adopt}): how a cluster member's run comes back into the caller's records.
     *
     * @throws IllegalArgumentException as {@link #get} does
     * @since 1.1
     */
    String export(String id);

    /**
     * Keeps the record of a run made by another workbench as a new run here: the lines of its
     * {@link #export}, renumbered, the start line saying where it ran ({@code "origin"}).
     *
     * @param origin where it ran, e.g. {@code cluster member 127.0.0.1:5702}
     * @return the new run's id
     * @throws IllegalArgumentException when the text is not a run record
     * @throws java.io.IOException in one line when the runs folder cannot be written
     * @since 1.1
     */
    String adopt(String lines, String origin) throws java.io.IOException;
}

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
}

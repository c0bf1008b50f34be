package org.ebp.engine.session;

import java.util.ArrayDeque;
import java.util.List;
import org.ebp.api.session.EpochReport;

/**
 * Every epoch report of a session's current network, for curves and sparklines. Bounded like
 * {@link RunHistory}; the oldest reports go first. Thread-safe without the session's lock, so that
 * a read (a plot, the dashboard) never waits behind a training step.
 */
final class EpochLog {

    /** A report is about 80 bytes: 100,000 epochs are 8 MB, more than any session trains. */
    static final int CAPACITY = 100_000;

    private final ArrayDeque<EpochReport> reports = new ArrayDeque<>();

    synchronized void add(EpochReport report) {
        if (reports.size() == CAPACITY) {
            reports.removeFirst();
        }
        reports.addLast(report);
    }

    synchronized List<EpochReport> reports() {
        return List.copyOf(reports);
    }

    synchronized void clear() {
        reports.clear();
    }
}

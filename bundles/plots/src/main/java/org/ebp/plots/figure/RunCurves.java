package org.ebp.plots.figure;

import java.util.List;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.SessionEvent;

/**
 * What one run's curves are drawn from: its epoch reports and the events of its history (swaps
 * and pauses are marked where they happened).
 *
 * @param name   legend name, e.g. "session" or a run record's id
 * @param epochs epoch reports, oldest first
 * @param events history events, oldest first (events of other kinds are ignored)
 */
public record RunCurves(String name, List<EpochReport> epochs, List<SessionEvent> events) {
    public RunCurves {
        epochs = List.copyOf(epochs);
        events = List.copyOf(events);
    }
}

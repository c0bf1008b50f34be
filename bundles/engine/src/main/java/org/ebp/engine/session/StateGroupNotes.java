package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ebp.api.component.State;

/**
 * Says what adoption did with an optimizer's state groups ({@code Optimizer.stateGroups()}): a
 * group is carried over whole or re-initialised whole, and when the previous state held only part
 * of it, the note names the part, so the user sees why an entry that was there was not kept.
 */
final class StateGroupNotes {

    private StateGroupNotes() {
    }

    /** "; state group {m, t, v} carried over whole" or "; state group {m, t, v} re-initialised whole: ...", per group. */
    static String describe(String optimizer, List<Set<String>> groups, State previous, List<String> carried) {
        StringBuilder b = new StringBuilder();
        for (Set<String> group : groups) {
            TreeSet<String> members = new TreeSet<>(group);
            String shown = "{" + String.join(", ", members) + "}";
            if (carried.containsAll(members)) {
                b.append("; state group ").append(shown).append(" carried over whole");
                continue;
            }
            List<String> present = new ArrayList<>();
            for (String name : members) {
                if (previous.array(name) != null || previous.hasScalar(name)) {
                    present.add(name);
                }
            }
            b.append("; state group ").append(shown).append(" re-initialised whole");
            if (!present.isEmpty()) {
                List<String> absent = new ArrayList<>(members);
                absent.removeAll(present);
                b.append(" (the previous state had ").append(String.join(", ", present)).append(" but not ")
                        .append(absent.isEmpty() ? "in a usable shape" : String.join(", ", absent))
                        .append(", and ").append(optimizer).append(" uses them only together)");
            }
        }
        return b.toString();
    }
}

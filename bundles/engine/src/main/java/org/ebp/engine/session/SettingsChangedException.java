package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.Component;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;

/**
 * A component in use was updated and its new version refuses the settings it was chosen with
 * (a setting renamed, removed, or given a narrower range). Unlike a missing component this does
 * not come back by itself: the message names what changed and the {@code use} line that fixes it.
 */
final class SettingsChangedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private SettingsChangedException(String message) {
        super(message);
    }

    /** The settings of {@code chosen} validated by the updated {@code service}, or this exception naming the fix. */
    static Settings revalidate(ComponentKind kind, String name, Component service, Settings chosen) {
        try {
            return service.settings(chosen.asText());
        } catch (InvalidSettingException e) {
            throw new SettingsChangedException(kind + " '" + name + "' was updated and no longer takes the settings it was "
                    + "chosen with (" + e.getMessage() + ")" + renamed(service, chosen.asText()) + "; choose it again: use "
                    + kind + " " + name + suggested(service, chosen.asText()));
        }
    }

    /** ": eps is gone and epsilon is new (renamed?)" when keys disappeared and others appeared. */
    private static String renamed(Component service, Map<String, String> chosen) {
        List<String> gone = gone(service, chosen);
        List<String> added = added(service, chosen);
        if (gone.isEmpty()) {
            return "";
        }
        return ": " + String.join(", ", gone) + (gone.size() == 1 ? " is" : " are") + " gone"
                + (added.isEmpty() ? "" : " and " + String.join(", ", added) + (added.size() == 1 ? " is" : " are")
                + " new" + (gone.size() == added.size() ? " (renamed?)" : ""));
    }

    /** The chosen values under the new names: a one-for-one rename carries its value over. */
    private static String suggested(Component service, Map<String, String> chosen) {
        List<String> gone = gone(service, chosen);
        List<String> added = added(service, chosen);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : chosen.entrySet()) {
            if (!gone.contains(e.getKey())) {
                b.append(' ').append(e.getKey()).append('=').append(e.getValue());
            } else if (gone.size() == 1 && added.size() == 1) {
                b.append(' ').append(added.get(0)).append('=').append(e.getValue());
            }
        }
        return b.toString();
    }

    private static List<String> gone(Component service, Map<String, String> chosen) {
        List<String> names = service.parameters().stream().map(ParameterSpec::name).toList();
        List<String> gone = new ArrayList<>();
        for (String key : chosen.keySet()) {
            if (!names.contains(key)) {
                gone.add(key);
            }
        }
        return gone;
    }

    private static List<String> added(Component service, Map<String, String> chosen) {
        List<String> added = new ArrayList<>();
        for (ParameterSpec p : service.parameters()) {
            if (!chosen.containsKey(p.name())) {
                added.add(p.name());
            }
        }
        return added;
    }
}

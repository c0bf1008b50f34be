package org.ebp.engine.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.model.Activation;
import org.ebp.api.session.ComponentCatalog;

/**
 * Activations with settings (for example {@code net 64-30-10 activation=twisted-tanh activation.a=0.2}):
 * splits the {@code activation.KEY} and {@code output.KEY} settings off a {@code net} command,
 * validates them against the activation's parameters and asks the service for a configured
 * instance ({@link Activation#configure}).
 *
 * <p>The session re-resolves its components by name at every epoch start and swaps in a new
 * service object when a bundle was updated, comparing by identity. A configured activation is a
 * new object, so this class remembers the instance it made for a (service, settings) pair and
 * hands out the same one again while that service is registered; a new service gives a new
 * instance. Guarded by the session's lock.
 */
final class ConfiguredActivations {

    /** Prefix of the hidden activation's settings in a {@code net} command. */
    static final String HIDDEN_PREFIX = "activation.";
    /** Prefix of the output activation's settings in a {@code net} command. */
    static final String OUTPUT_PREFIX = "output.";

    /** Hidden and output, with room for a swap in progress. */
    private static final int REMEMBERED = 8;

    private record Key(Activation service, Map<String, String> settings) {
        @Override
        public boolean equals(Object o) {
            // identity of the service: an updated bundle's service must give a new instance
            return o instanceof Key k && k.service == service && k.settings.equals(settings);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(service) * 31 + settings.hashCode();
        }
    }

    private final Map<Key, Activation> made = new LinkedHashMap<>();

    /**
     * Removes the keys starting with {@code prefix} from {@code raw} and returns them without
     * the prefix.
     *
     * @throws IllegalArgumentException for a key that is only the prefix
     */
    static Map<String, String> takePrefixed(Map<String, String> raw, String prefix) {
        Map<String, String> taken = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, String>> it = raw.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            if (e.getKey().startsWith(prefix)) {
                String key = e.getKey().substring(prefix.length());
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("net setting '" + e.getKey() + "' names no setting; write "
                            + prefix + "KEY=VALUE, e.g. " + prefix + "a=0.2 for twisted-tanh");
                }
                taken.put(key, e.getValue());
                it.remove();
            }
        }
        return taken;
    }

    /**
     * The activation registered as {@code name}, configured with {@code raw} settings.
     *
     * @param prefix the prefix the user wrote the settings with, for messages
     * @throws org.ebp.api.component.InvalidSettingException for settings the activation does not
     *                                                       accept, naming the prefixed key
     */
    Activation resolve(ComponentCatalog catalog, String name, Map<String, String> raw, String prefix) {
        Activation service = catalog.get(ComponentKind.ACTIVATION, name, Activation.class);
        return configure(service, raw, prefix);
    }

    /** {@link #resolve} for a service already looked up. */
    Activation configure(Activation service, Map<String, String> raw, String prefix) {
        Objects.requireNonNull(service, "service");
        Settings settings;
        try {
            settings = service.settings(raw);
        } catch (org.ebp.api.component.InvalidSettingException e) {
            throw new org.ebp.api.component.InvalidSettingException("activation '" + service.name() + "' (settings "
                    + prefix + "KEY=VALUE): " + e.getMessage());
        }
        if (service.parameters().isEmpty()) {
            return service;
        }
        Key key = new Key(service, Map.copyOf(settings.asText()));
        Activation configured = made.get(key);
        if (configured == null) {
            configured = service.configure(settings);
            if (configured == null || !configured.name().equals(service.name())) {
                throw new IllegalStateException("activation '" + service.name() + "' configured with " + settings
                        + " returned " + (configured == null ? "nothing" : "'" + configured.name() + "'")
                        + "; its configure() must return an activation of the same name");
            }
            made.put(key, configured);
            while (made.size() > REMEMBERED) {
                Iterator<Key> oldest = made.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return configured;
    }

    /** The settings as text, all declared keys with their values, for describing and saving. */
    static Map<String, String> settingsText(Activation service, Map<String, String> raw) {
        return service.parameters().isEmpty() ? Map.of() : service.settings(raw).asText();
    }

    /** "twisted-tanh a=0.2 base=tanh", or just the name for an activation without settings. */
    static String describe(String name, Map<String, String> settings) {
        StringBuilder b = new StringBuilder(name);
        settings.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.toString();
    }
}

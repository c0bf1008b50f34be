package org.ebp.api.session;

import java.util.List;
import org.ebp.api.component.ComponentKind;
import org.osgi.annotation.versioning.ProviderType;

/** The components currently registered, looked up by kind and name. Thread-safe. */
@ProviderType
public interface ComponentCatalog {

    /** Components of one kind (or all, when {@code kind} is null), sorted by kind then name. */
    List<ComponentEntry> list(ComponentKind kind);

    /**
     * The component of that kind and name.
     *
     * @throws UnknownComponentException naming the kinds' available components
     */
    <T> T get(ComponentKind kind, String name, Class<T> type);

    /** The entry of that kind and name. */
    ComponentEntry entry(ComponentKind kind, String name);

    /**
     * One line per problem with the components as registered now: a component refused on
     * arrival (missing or inconsistent {@code ebp.kind}/{@code ebp.name}, a default outside its
     * range), and a kind and name provided more than once, saying which one is used. Empty when
     * all is well (added in 1.4.0).
     */
    default List<String> notices() {
        return List.of();
    }
}

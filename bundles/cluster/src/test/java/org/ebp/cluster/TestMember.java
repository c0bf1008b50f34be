package org.ebp.cluster;

import java.nio.file.Path;
import java.util.Set;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.registry.ComponentIndex;

/**
 * A member in a JVM of its own for the failover test: {@code TestMember PORT MEMBERS HOME}. Prints
 * {@code ready HOST:PORT} once it is a member, then takes runs until it is killed.
 */
public final class TestMember {

    private TestMember() {
    }

    public static void main(String[] args) throws InterruptedException {
        ComponentIndex catalog = Components.catalog(Set.of(), false);
        RecipeService runner = Components.runner(catalog, Path.of(args[2]));
        ClusterService member = new ClusterService(runner, runner, catalog, Components.records(Path.of(args[2])));
        System.setProperty("ebp.user.home", args[2]);
        String self = member.start(Integer.parseInt(args[0]), MemberList.parse(args[1]), true, 0);
        System.out.println("ready " + self);
        System.out.flush();
        member.awaitStop();
    }
}

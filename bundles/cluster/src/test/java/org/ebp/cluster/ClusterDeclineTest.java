package org.ebp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.engine.recipes.RecipeService;
import org.ebp.engine.registry.ComponentIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members that cannot run a recipe decline it (missing component, different data) and the run goes
 * to a member that can, or fails in one line naming each member and what it lacks; a port in use
 * is refused in one line. Three Hazelcast members in this JVM, on 127.0.0.1.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClusterDeclineTest {

    @TempDir
    Path home;

    private final List<ClusterService> started = new ArrayList<>();

    @AfterEach
    void leave() {
        started.forEach(ClusterService::stop);
    }

    private ClusterService member(ComponentIndex catalog, String name, int port, String members, boolean serve) {
        RecipeService runner = Components.runner(catalog, home.resolve(name));
        ClusterService s = new ClusterService(runner, runner, catalog, Components.records(home.resolve(name)));
        s.start(port, MemberList.parse(members), serve, 0);
        started.add(s);
        return s;
    }

    @Test
    void aMissingComponentOrOtherDataIsDeclinedAndTheRunGoesToAMemberThatCanOrFailsNamingEach() throws IOException {
        int[] ports = ClusterFailoverTest.freePorts(3);
        String all = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        ComponentIndex full = Components.catalog(Set.of(), false);
        ClusterService caller = member(full, "caller", ports[0], all, false);
        member(Components.catalog(Set.of("momentum"), false), "no-momentum", ports[1], all, true);
        member(Components.catalog(Set.of(), true), "other-digits", ports[2], all, true);
        ClusterFailoverTest.awaitMembers(caller, 3);

        // sgd: the member with other digits declines; the one without momentum runs it, with the local numbers
        Recipe sgd = Components.digits(2, "sgd", "0.01");
        RecipeResult remote = caller.run(sgd, "decline-test");
        RecipeResult local = Components.runner(full, home.resolve("local")).run(sgd, null, null);
        ClusterFailoverTest.assertSameNumbers(local, remote, "sgd");

        // momentum: one lacks it, the other has other data: no member can run it, one line names both
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> caller.run(Components.digits(2, "momentum", "0.01"), "decline-test"));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("no member can run it: "), m);
        assertTrue(m.contains("127.0.0.1:" + ports[1] + " has no optimizer momentum"), m);
        assertTrue(m.contains("127.0.0.1:" + ports[2] + " has different data for digits (hash "), m);
    }

    @Test
    void aPortInUseIsRefusedInOneLineAndNothingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ComponentIndex full = Components.catalog(Set.of(), false);
            RecipeService runner = Components.runner(full, home);
            ClusterService s = new ClusterService(runner, runner, full, null);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> s.start(port, MemberList.parse(""), true, 0));
            assertEquals("port " + port + " is in use on 127.0.0.1; choose another, e.g. cluster start port="
                    + (port + 1), e.getMessage());
            assertEquals(null, s.self(), "not a member");
            assertEquals(0, s.slots());
        }
    }
}

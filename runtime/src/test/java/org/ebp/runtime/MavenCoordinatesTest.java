package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MavenCoordinatesTest {

    @Test
    void threePartsAreGroupArtifactVersionOfAJar() {
        MavenCoordinates c = MavenCoordinates.parse("org.apache.felix:org.apache.felix.scr:2.2.12");
        assertEquals("org.apache.felix", c.groupId());
        assertEquals("org.apache.felix.scr", c.artifactId());
        assertEquals("jar", c.type());
        assertNull(c.classifier());
        assertEquals("2.2.12", c.version());
    }

    @Test
    void fourPartsAddTheTypeAndFivePartsTheClassifier() {
        MavenCoordinates typed = MavenCoordinates.parse("g:a:zip:1.0");
        assertEquals("zip", typed.type());
        assertNull(typed.classifier());
        MavenCoordinates classified = MavenCoordinates.parse("g:a:jar:linux:1.0");
        assertEquals("jar", classified.type());
        assertEquals("linux", classified.classifier());
        assertEquals("1.0", classified.version());
    }

    @Test
    void resolvesToTheMavenRepositoryLayout() {
        Path repository = Path.of("/dist/system");
        assertEquals(Path.of("/dist/system/org/ebp/org.ebp.api/0.1.0-SNAPSHOT/org.ebp.api-0.1.0-SNAPSHOT.jar"),
                MavenCoordinates.parse("org.ebp:org.ebp.api:0.1.0-SNAPSHOT").pathIn(repository));
        assertEquals(Path.of("/dist/system/g/h/a/1.0/a-1.0-natives.jar"),
                MavenCoordinates.parse("g.h:a:jar:natives:1.0").pathIn(repository));
    }

    @Test
    void typeBundleIsStoredAsAJar() {
        assertEquals(Path.of("r/g/a/1/a-1.jar"), MavenCoordinates.parse("g:a:bundle:1").pathIn(Path.of("r")));
    }

    @Test
    void printsBackInTheFormItWasWritten() {
        for (String id : new String[] {"g:a:1", "g:a:zip:1", "g:a:jar:c:1"}) {
            assertEquals(id, MavenCoordinates.parse(id).toString());
        }
    }

    @Test
    void rejectsTheWrongNumberOfParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("g:a"));
        assertTrue(e.getMessage().contains("'g:a'") && e.getMessage().contains("groupId:artifactId:version"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("a:b:c:d:e:f"));
    }

    @Test
    void rejectsEmptyPartsAndPathTricks() {
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("g::1"));
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse(""));
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("g:../../etc:1"));
        assertTrue(e.getMessage().contains("../../etc"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("g:a:..:1"));
        assertThrows(IllegalArgumentException.class, () -> MavenCoordinates.parse("g:a b:1"));
    }
}

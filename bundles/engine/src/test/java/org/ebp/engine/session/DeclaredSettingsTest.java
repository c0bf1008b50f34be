package org.ebp.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.data.DataFormatException;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.engine.testing.TestComponents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the session declares for train and the Hessian tools (the shell renders it as help,
 * completion and its check) is what the session accepts: every declared key with its declared
 * default runs, and a key it does not declare is refused.
 */
class DeclaredSettingsTest {

    @TempDir
    Path folder;

    private final Session session = new Session(TestCatalog.standard().index(), new TestComponents.SimpleSplitter());

    @AfterEach
    void close() {
        session.close();
    }

    private void prepare() throws DataFormatException {
        session.loadData("blobs", Map.of());
        session.split(Map.of("train", "0.6", "validation", "0.2", "test", "0.2"));
        session.createNetwork("in-4-out", Map.of());
    }

    /** Every declared key at its default (a required key or an empty folder gets a real value). */
    private Map<String, String> everyKey(List<ParameterSpec> declared) {
        Map<String, String> all = new LinkedHashMap<>();
        for (ParameterSpec p : declared) {
            String value = p.name().equals("checkpoint") ? folder.resolve("ckpt").toString() : p.defaultValue();
            all.put(p.name(), value);
        }
        return all;
    }

    @Test
    void trainAcceptsEveryKeyItDeclaresAndRefusesOthers() throws DataFormatException {
        prepare();
        List<ParameterSpec> declared = session.trainSettings();
        for (String key : List.of("batch", "eval", "seed", "patience", "monitor", "group", "diverge", "checkpoint",
                "every", "keep")) {
            assertTrue(declared.stream().anyMatch(p -> p.name().equals(key)), "train declares " + key);
        }
        assertEquals(1, session.train(1, everyKey(declared), null).size());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> session.train(1, Map.of("bacth", "2"), null));
        assertTrue(e.getMessage().contains("bacth"), e.getMessage());
        assertEquals(1, session.status().epoch(), "a refused train changes nothing");
    }

    @Test
    void theHessianToolsAcceptEveryKeyTheyDeclareAndRefuseOthers() throws DataFormatException {
        prepare();
        Map<String, String> eig = everyKey(session.largestEigenvalueSettings());
        eig.put("examples", "40");
        assertEquals("power", session.largestEigenvalue(eig).method());
        assertThrows(InvalidSettingException.class, () -> session.largestEigenvalue(Map.of("k", "3")));
        assertTrue(session.spectrumSettings().stream().anyMatch(p -> p.name().equals("k")));
        assertThrows(InvalidSettingException.class, () -> session.spectrum(Map.of("iterations", "3")));
    }
}

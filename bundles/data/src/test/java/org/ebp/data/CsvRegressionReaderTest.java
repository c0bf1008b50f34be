package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.junit.jupiter.api.Test;

/** data load csv path=F targets=K|NAMES: real-valued targets. */
class CsvRegressionReaderTest {

    private static Dataset read(String text, String targets) throws Exception {
        return CsvRegressionReader.read("t", "t.csv", new BoundedLines(new StringReader(text), "t.csv"), targets,
                CsvReader.HeaderMode.AUTO, ',');
    }

    @Test
    void theLastKColumnsAreTheTargets() throws Exception {
        Dataset d = read("a,b,y1,y2\n1,2,0.5,-1.25\n3,4,1e-3,7\n", "2");
        assertFalse(d.hasLabels());
        assertEquals(2, d.size());
        assertEquals(2, d.features());
        assertEquals(2, d.targetCount());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(3f, d.feature(1, 0));
        assertEquals(-1.25f, d.target(0, 1));
        assertEquals(1e-3f, d.target(1, 0));
    }

    @Test
    void namedTargetColumnsMayBeAnywhere() throws Exception {
        Dataset d = read("y,a,b\n9,1,2\n8,3,4\n", "y");
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(9f, d.target(0, 0));
        assertEquals(4f, d.feature(1, 1));
    }

    @Test
    void withoutAHeaderTheFirstRowIsData() throws Exception {
        Dataset d = read("1,2,3\n4,5,6\n", "1");
        assertEquals(2, d.size());
        assertEquals(6f, d.target(1, 0));
    }

    @Test
    void badInputIsOneLineNamingTheProblem() {
        assertEquals("t.csv: targets=3 but rows have 3 columns; give 1..2 (the last K columns are the targets) or the target "
                + "columns' names", assertThrows(DataFormatException.class, () -> read("1,2,3\n", "3")).getMessage());
        assertEquals("t.csv: target column 'z' does not exist; the header has [a, b, y]",
                assertThrows(DataFormatException.class, () -> read("a,b,y\n1,2,3\n", "z")).getMessage());
        assertEquals("t.csv, line 3, column 2 (0-based, 'y'): 'NaN' is not a finite number; fill or drop that row",
                assertThrows(DataFormatException.class, () -> read("a,b,y\n1,2,3\n1,2,NaN\n", "1")).getMessage());
        assertEquals("t.csv, line 2: expected 3 fields, got 2 (every row must have as many fields as the header)",
                assertThrows(DataFormatException.class, () -> read("a,b,y\n1,2\n", "1")).getMessage());
    }

    @Test
    void theShippedExamplesLoad() throws Exception {
        Dataset sin = CsvRegressionReader.read(Path.of("../../examples/data/sin.csv"), "1", CsvReader.HeaderMode.AUTO, ',');
        assertEquals(61, sin.size());
        assertEquals((float) Math.sin(-3.0), sin.target(0, 0));
        Dataset diabetes = CsvRegressionReader.read(Path.of("../../examples/data/diabetes.csv"), "progression",
                CsvReader.HeaderMode.AUTO, ',');
        assertEquals(442, diabetes.size());
        assertEquals(10, diabetes.features());
        assertEquals(151f, diabetes.target(0, 0));
    }
}

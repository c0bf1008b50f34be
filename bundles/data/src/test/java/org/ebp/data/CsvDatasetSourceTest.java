package org.ebp.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetSourceTest {

    @TempDir
    Path dir;

    private final CsvDatasetSource csv = new CsvDatasetSource();

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private Dataset load(Path file, String... keyValues) throws DataFormatException {
        Map<String, String> raw = new HashMap<>();
        raw.put("path", file.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return csv.load(csv.settings(raw));
    }

    private DataFormatException fails(Path file, String... keyValues) {
        return assertThrows(DataFormatException.class, () -> load(file, keyValues));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void readsHeaderAndTextLabelsInOrderOfFirstAppearance() throws Exception {
        Path file = write("flowers.csv", "length,width,species\n1.5,2,b\n3,4.25,a\n\n5,6,b\n");
        Dataset d = load(file);
        assertEquals("flowers", d.name());
        assertEquals(3, d.size());
        assertEquals(2, d.features());
        assertEquals(List.of("length", "width"), d.featureNames());
        assertEquals(List.of("b", "a"), d.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
        assertArrayEquals(new float[] {1.5f, 2f, 3f, 4.25f, 5f, 6f}, d.featureMatrix());
    }

    @Test
    void integerLabelsAreTheirOwnClassIndex() throws Exception {
        Path file = write("ints.csv", "0.5,0.25,2\n1,2,0\n3,4,2\n");
        Dataset d = load(file);
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertArrayEquals(new int[] {2, 0, 2}, d.labels());
        assertEquals(List.of(), d.featureNames(), "no header, no names");
    }

    @Test
    void labelCanBeFirstAnIndexOrAHeaderName() throws Exception {
        Path file = write("cols.csv", "kind,a,b\nx,1,2\ny,3,4\n");
        Dataset first = load(file, "label", "first");
        assertEquals(List.of("a", "b"), first.featureNames());
        assertEquals(List.of("x", "y"), first.classNames());
        assertTrue(first.sameContents(load(file, "label", "0")));
        assertTrue(first.sameContents(load(file, "label", "kind")));

        Dataset middle = load(write("mid.csv", "1,7,2\n3,8,4\n"), "label", "1", "header", "false");
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8"), middle.classNames());
        assertArrayEquals(new int[] {7, 8}, middle.labels());
        assertArrayEquals(new float[] {1, 2, 3, 4}, middle.featureMatrix());
    }

    @Test
    void autoHeaderLooksAtFeatureFieldsOnly() throws Exception {
        // Text labels in the first data row do not make it a header.
        Dataset d = load(write("textlabels.csv", "1,2,cat\n3,4,dog\n"));
        assertEquals(2, d.size());
        // header=true takes a numeric first row as names.
        Dataset named = load(write("numhead.csv", "10,20,30\n1,2,0\n"), "header", "true");
        assertEquals(1, named.size());
        assertEquals(List.of("10", "20"), named.featureNames());
    }

    @Test
    void honoursDelimiterQuotesAndGzip() throws Exception {
        Dataset semi = load(write("semi.csv", "\"a;1\";b;label\n1;2;x\n3;4;y\n"), "delimiter", ";");
        assertEquals(List.of("a;1", "b"), semi.featureNames());
        Dataset tab = load(write("tab.tsv", "1\t2\tx\n3\t4\ty\n"), "delimiter", "tab");
        assertArrayEquals(new float[] {1, 2, 3, 4}, tab.featureMatrix());
        Dataset spaces = load(write("spaces.txt", "  1   2 x\n3 4    y  \n"), "delimiter", "space");
        assertArrayEquals(new float[] {1, 2, 3, 4}, spaces.featureMatrix());
        Dataset quoted = load(write("q.csv", "\"say \"\"hi\"\"\",b,c\n1,2,\"x, y\"\n"));
        assertEquals(List.of("say \"hi\"", "b"), quoted.featureNames());
        assertEquals(List.of("x, y"), quoted.classNames());

        Path gz = dir.resolve("packed.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b,y\n1,2,0\n3,4,1\n".getBytes(StandardCharsets.UTF_8));
        }
        Dataset packed = load(gz);
        assertEquals("packed", packed.name());
        assertArrayEquals(new float[] {1, 2, 3, 4}, packed.featureMatrix());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nothere.csv");
        assertMentions(fails(file), file.toString(), "does not exist");
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        assertMentions(fails(write("empty.csv", "")), "empty.csv", "is empty");
        assertMentions(fails(write("blank.csv", "\n  \n\n")), "blank.csv", "is empty");
        assertMentions(fails(write("headonly.csv", "a,b,label\n")), "headonly.csv", "no data rows");
    }

    @Test
    void raggedRowNamesLineAndCounts() throws Exception {
        Path file = write("ragged.csv", "a,b,c,label\n1,2,3,0\n4,5,6,1\n\n7,8,1\n");
        assertMentions(fails(file), "ragged.csv", "line 5", "expected 4 fields, got 3");
    }

    @Test
    void nonNumericValueNamesLineColumnAndValue() throws Exception {
        Path file = write("text.csv", "a,b,label\n1,2,0\n3,abc,1\n");
        assertMentions(fails(file), "text.csv", "line 3", "column 1", "'b'", "'abc' is not a number");
        assertMentions(fails(write("hole.csv", "1,2,0\n3,,1\n")), "hole.csv", "line 2", "column 1", "empty value");
    }

    @Test
    void nanAndInfinityAreRefused() throws Exception {
        assertMentions(fails(write("nan.csv", "a,b,label\n1,NaN,0\n")), "nan.csv", "line 2", "column 1", "'NaN' is not a finite number");
        assertMentions(fails(write("inf.csv", "1,2,0\n-Infinity,2,1\n")), "inf.csv", "line 2", "column 0", "not a finite number");
        assertMentions(fails(write("huge.csv", "1,2,0\n1e39,2,1\n")), "huge.csv", "line 2", "float range");
    }

    @Test
    void labelColumnThatDoesNotExistIsRefused() throws Exception {
        Path file = write("three.csv", "a,b,label\n1,2,0\n");
        assertMentions(fails(file, "label", "3"), "three.csv", "label column 3 does not exist", "columns 0..2");
        assertMentions(fails(file, "label", "species"), "three.csv", "'species' does not exist", "[a, b, label]");
        assertMentions(fails(file, "label", "species", "header", "false"), "header=false");
    }

    @Test
    void labelNoneReadsEveryColumnAsAFeature() throws Exception {
        Path file = write("new.csv", "a,b,c\n1,2,3\n4,5.5,6\n");
        Dataset d = load(file, "label", "none");
        assertTrue(d.isUnlabeled());
        assertEquals(2, d.size());
        assertEquals(3, d.features());
        assertEquals(List.of("a", "b", "c"), d.featureNames());
        assertEquals(5.5f, d.feature(1, 1));
        Path nan = write("nan.csv", "1,2,3\n4,NaN,6\n");
        assertMentions(fails(nan, "label", "none"), "nan.csv", "line 2");
    }

    @Test
    void realNumberLabelsAreARegressionTargetNotClasses() throws Exception {
        Path sin = write("sin.csv", "x,sin_x\n-3.0,-0.14112\n-2.9,-0.23925\n0,0\n");
        assertMentions(fails(sin), "sin.csv", "holds real numbers such as -0.14112 (3 distinct values)", "targets=1");
        Dataset pm1 = load(write("pm1.csv", "1,2,-1\n3,4,1\n5,6,1.0\n"));
        assertEquals(List.of("-1", "1", "1.0"), pm1.classNames(), "whole numbers stay classes, as before");
    }

    @Test
    void badSettingsAreInvalidSettings() throws Exception {
        Path file = write("ok.csv", "1,2,0\n");
        assertThrows(InvalidSettingException.class, () -> load(file, "label", "none", "targets", "1"));
        assertThrows(InvalidSettingException.class, () -> load(file, "label", "-1"));
        assertThrows(InvalidSettingException.class, () -> load(file, "delimiter", "::"));
        assertThrows(InvalidSettingException.class, () -> load(file, "header", "maybe"));
        assertThrows(InvalidSettingException.class, () -> csv.settings(Map.of()), "path is required");
    }

    @Test
    void singleColumnAndBinaryFilesAreRefused() throws Exception {
        assertMentions(fails(write("one.csv", "1\n2\n")), "one.csv", "only one column");
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {1, 2, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 10});
        assertMentions(fails(binary), "binary.csv", "not UTF-8");
        assertMentions(fails(write("quote.csv", "\"a,b\n1,2\n")), "quote.csv", "line 1", "not closed");
    }

    @Test
    void absurdIntegerLabelsPointToAWrongLabelColumn() throws Exception {
        assertMentions(fails(write("ids.csv", "1,2,1234567\n3,4,7\n")), "ids.csv", "1234568 classes");
    }
}

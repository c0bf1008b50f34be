package org.ebp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.SplitDataset;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;
import org.junit.jupiter.api.Test;

/** The pieces of a run's trip: the members setting, the reply codec, the data hash. */
class ClusterPiecesTest {

    @Test
    void membersAreHostColonPortAndOnlyLoopbackOnesKeepTheMemberOn127() {
        MemberList local = MemberList.parse("127.0.0.1:5702, localhost:5703");
        assertEquals(List.of("127.0.0.1:5702", "localhost:5703"), local.addresses());
        assertTrue(local.loopbackOnly());
        assertFalse(MemberList.parse("127.0.0.1:5702,10.0.0.7:5701").loopbackOnly());
        assertTrue(MemberList.parse("").addresses().isEmpty());
    }

    @Test
    void aMalformedMembersEntryIsNamedInOneLine() {
        for (String bad : List.of("127.0.0.1", "127.0.0.1:", ":5701", "host:99999", "127.0.0.1:5702,,", "a b:1", "h:x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemberList.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("members entry '"), e.getMessage());
            assertTrue(e.getMessage().contains("e.g. members=127.0.0.1:5702"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void aResultComesBackBitForBitNaNAndMissingTestIncluded() {
        RecipeResult result = new RecipeResult(List.of(
                new EpochReport(1, 1437, 0.123456789012345678, "test", 0.1 + 0.2, 0.9666666666666667, Double.NaN, 0.31),
                new EpochReport(2, 2874, 1e-17, null, Double.NaN, Double.NaN, 0.01, 0.29)),
                new Evaluation("train", 1437, 0.05, 0.99), null, 1.25, "completed");
        String record = "{\"format\":\"ebp-run-record\",\"run\":\"3\"}\n{\"type\":\"end\"}\n";
        TaskCodec.Reply reply = TaskCodec.read("x", TaskCodec.done("127.0.0.1:5702", result, record));
        assertEquals(result, reply.result());
        assertEquals(record, reply.record());
        assertEquals(null, TaskCodec.read("x", TaskCodec.done("m:1", result, null)).record());
        assertEquals("127.0.0.1:5702", reply.member());
        assertFalse(reply.declined());
    }

    @Test
    void aDeclineAndAFailureAreToldApartAndAnUnreadableReplyNamesTheMember() {
        TaskCodec.Reply declined = TaskCodec.read("x", TaskCodec.declined("m:1", "has no optimizer adamw"));
        assertTrue(declined.declined());
        assertEquals("has no optimizer adamw", declined.reason());
        TaskCodec.Reply failed = TaskCodec.read("x", TaskCodec.failed("m:1", "net: bad spec"));
        assertTrue(failed.failed());
        assertFalse(failed.declined());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaskCodec.read("m:2", "{oops"));
        assertTrue(e.getMessage().startsWith("member m:2 sent a reply that is not readable"), e.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> TaskCodec.read("m:2", "{\"format\":\"ebp-cluster-reply\",\"version\":9,\"status\":\"done\"}"));
        assertTrue(other.getMessage().contains("another format"), other.getMessage());
    }

    @Test
    void theDataHashChangesWithOnePixelOneLabelAnOfficialSplitOrTheSplitSettings() {
        float[] x = {0, 1, 2, 3, 4, 5};
        int[] y = {0, 1, 1};
        String base = DataFingerprints.hash(split(x, y, Map.of()));
        assertEquals(base, DataFingerprints.hash(split(x.clone(), y.clone(), Map.of())), "the same content, the same hash");
        float[] x2 = x.clone();
        x2[5] = Math.nextUp(5f);
        assertNotEquals(base, DataFingerprints.hash(split(x2, y, Map.of())));
        assertNotEquals(base, DataFingerprints.hash(split(x, new int[]{1, 1, 1}, Map.of())));
        assertNotEquals(base, DataFingerprints.hash(split(x, y, Map.of("test", new int[]{2}))));
        Map<String, String> split = Map.of("train", "0.8", "test", "0.2", "seed", "42");
        assertEquals(DataFingerprints.combine(base, split), DataFingerprints.combine(base, new java.util.TreeMap<>(split)));
        assertNotEquals(DataFingerprints.combine(base, split),
                DataFingerprints.combine(base, Map.of("train", "0.8", "test", "0.2", "seed", "43")));
        assertNotEquals(DataFingerprints.combine(base, split), DataFingerprints.combine(base, null));
    }

    private static SplitDataset split(float[] x, int[] y, Map<String, int[]> splits) {
        return new SplitDataset(Dataset.classification("d", x, 3, 2, y, List.of("a", "b"), null), splits);
    }
}

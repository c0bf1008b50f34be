package org.ebp.engine.session;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.ebp.api.data.Dataset;

/**
 * Counts the examples of new held-out splits that a trained network has already seen in
 * training. Examples are compared by content (features and label or targets) because splits are
 * views whose row indices the API does not expose; an identical duplicate counts as seen, which
 * is what matters for an honest score.
 */
final class SplitOverlap {

    private SplitOverlap() {
    }

    /** How many rows of the parts other than {@code train} also occur in {@code trainedOn}. */
    static long seenInHeldOut(Dataset trainedOn, Map<String, Dataset> parts) {
        Set<Long> seen = new HashSet<>(Math.max(16, trainedOn.size() * 2));
        for (int i = 0; i < trainedOn.size(); i++) {
            seen.add(rowHash(trainedOn, i));
        }
        long count = 0;
        for (Map.Entry<String, Dataset> e : parts.entrySet()) {
            if (e.getKey().equals(SessionData.TRAIN)) {
                continue;
            }
            Dataset d = e.getValue();
            for (int i = 0; i < d.size(); i++) {
                if (seen.contains(rowHash(d, i))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** A 64-bit hash of one example (FNV-1a over the float bits, then the label or targets). */
    private static long rowHash(Dataset d, int i) {
        long h = 0xcbf29ce484222325L;
        for (int j = 0; j < d.features(); j++) {
            h = (h ^ Float.floatToIntBits(d.feature(i, j))) * 0x100000001b3L;
        }
        if (d.hasLabels()) {
            h = (h ^ d.label(i)) * 0x100000001b3L;
        } else {
            for (int k = 0; k < d.targetCount(); k++) {
                h = (h ^ Float.floatToIntBits(d.target(i, k))) * 0x100000001b3L;
            }
        }
        return h;
    }
}

package org.ebp.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.data.SplitDataset;
import org.ebp.api.experiments.Recipe;
import org.ebp.api.session.ComponentCatalog;

/**
 * A content hash of a recipe's data as this workbench loads it (by name: a bundled set, the Debian
 * package's files, or the same path) and of its split: SHA-256 over the features, the labels or
 * targets, the official splits' rows and the split's settings. Caller and member compare it before a
 * run, so that a member with other files under the same name declines instead of training on them.
 * Loading is the cost; a data step's hash is kept for the workbench's life.
 */
final class DataFingerprints {

    private final ComponentCatalog catalog;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    DataFingerprints(ComponentCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The recipe's data and split hash, as hex.
     *
     * @throws IllegalArgumentException naming the data and why it cannot be loaded here
     */
    String of(Recipe recipe) {
        Recipe.Step data = recipe.data();
        String key = data.name() + new TreeMap<>(data.settings());
        String content = known.get(key);
        if (content == null) {
            content = hash(load(data));
            known.put(key, content);
        }
        return combine(content, recipe.split());
    }

    private SplitDataset load(Recipe.Step data) {
        DatasetSource source = catalog.get(ComponentKind.DATASET, data.name(), DatasetSource.class);
        try {
            return source.loadWithSplits(source.settings(data.settings()));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("cannot load data " + data.name() + ": " + e.getMessage(), e);
        }
    }

    /** The hash of the content alone (features, answers, official splits). */
    static String hash(SplitDataset split) {
        MessageDigest md = sha256();
        Dataset d = split.data();
        update(md, d.size() + "x" + d.features() + ":" + d.classCount() + ":" + d.targetCount());
        float[] x = d.featureMatrix();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        for (float v : x) {
            if (buf.remaining() < 4) {
                flush(md, buf);
            }
            buf.putFloat(v);
        }
        if (d.hasLabels()) {
            for (int label : d.labels()) {
                if (buf.remaining() < 4) {
                    flush(md, buf);
                }
                buf.putInt(label);
            }
        } else {
            for (int i = 0; i < d.size(); i++) {
                for (int k = 0; k < d.targetCount(); k++) {
                    if (buf.remaining() < 4) {
                        flush(md, buf);
                    }
                    buf.putFloat(d.target(i, k));
                }
            }
        }
        flush(md, buf);
        for (Map.Entry<String, int[]> s : new TreeMap<>(split.splits()).entrySet()) {
            update(md, s.getKey());
            for (int row : s.getValue()) {
                update(md, Integer.toString(row));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The content hash with the split's settings (fractions, seed, stratification), in a fixed order. */
    static String combine(String content, Map<String, String> split) {
        MessageDigest md = sha256();
        update(md, content);
        update(md, split == null ? "no split" : new TreeMap<>(split).toString());
        return HexFormat.of().formatHex(md.digest());
    }

    private static void flush(MessageDigest md, ByteBuffer buf) {
        buf.flip();
        md.update(buf);
        buf.clear();
    }

    private static void update(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}

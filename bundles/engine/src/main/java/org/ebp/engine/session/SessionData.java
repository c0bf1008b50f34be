package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;

/**
 * A session's data: the loaded set, its splits and the fitted transforms, with the splits as
 * transformed so far. Every change builds a new value, so a failing operation leaves the
 * session's value untouched ("failures change nothing").
 */
final class SessionData {

    /** A transform as fitted and applied, in order. */
    record AppliedTransform(String name, DataTransform transform, FittedTransform fitted) {
    }

    /** Name of the whole set in describe and evaluate. */
    static final String ALL = "all";
    static final String TRAIN = "train";

    private final Dataset base;
    private final LinkedHashMap<String, Dataset> splits;
    /** The splits before any transform: views of {@link #base}, so keeping them costs no feature copy. */
    private final LinkedHashMap<String, Dataset> rawSplits;
    /** The source's official splits (e.g. Fashion-MNIST's train and test) as views of base; empty when it has none. */
    private final LinkedHashMap<String, Dataset> official;
    private final List<AppliedTransform> transforms;
    private final long splitSeed;
    /**
     * The transformed whole set. Held softly when the data is split and transformed: it is then a
     * full extra copy (220 MB for Fashion-MNIST) needed only by {@code data stats all}, so the
     * collector may drop it and it is recomputed on demand.
     */
    private java.lang.ref.Reference<Dataset> whole;

    private SessionData(Dataset base, LinkedHashMap<String, Dataset> splits, LinkedHashMap<String, Dataset> rawSplits,
                        LinkedHashMap<String, Dataset> official, List<AppliedTransform> transforms, long splitSeed,
                        Dataset whole) {
        this.base = base;
        this.splits = splits;
        this.rawSplits = rawSplits;
        this.official = official;
        this.transforms = List.copyOf(transforms);
        this.splitSeed = splitSeed;
        setWhole(whole);
    }

    private void setWhole(Dataset d) {
        boolean copy = d != null && d != base && isSplit();
        whole = d == null ? null : copy ? new java.lang.ref.SoftReference<>(d) : new StrongReference(d);
    }

    /** A reference that never clears, for a whole set that costs no copy (the base itself, or the only transformed copy). */
    private static final class StrongReference extends java.lang.ref.SoftReference<Dataset> {
        private final Dataset value;

        StrongReference(Dataset value) {
            super(value);
            this.value = value;
        }

        @Override
        public Dataset get() {
            return value;
        }
    }

    static SessionData loaded(Dataset data) {
        return new SessionData(data, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), List.of(), 0, data);
    }

    /** A set with its official splits, which become the current splits. */
    static SessionData loaded(org.ebp.api.data.SplitDataset data) {
        LinkedHashMap<String, Dataset> parts = new LinkedHashMap<>();
        for (String name : data.splits().keySet()) {
            parts.put(name, data.split(name));
        }
        return new SessionData(data.data(), new LinkedHashMap<>(parts), new LinkedHashMap<>(parts), parts, List.of(), 0,
                data.data());
    }

    /** New splits of the loaded (untransformed) set; transforms are dropped. */
    SessionData withSplits(LinkedHashMap<String, Dataset> parts, long seed) {
        return new SessionData(base, new LinkedHashMap<>(parts), new LinkedHashMap<>(parts), official, List.of(), seed, base);
    }

    /** The splits as they were before any transform, with no transforms. */
    SessionData withoutTransforms() {
        return new SessionData(base, new LinkedHashMap<>(rawSplits), rawSplits, official, List.of(), splitSeed, base);
    }

    /** The source's official splits, untransformed (empty when it has none). */
    Map<String, Dataset> officialSplits() {
        return Collections.unmodifiableMap(official);
    }

    /** The current splits before the transforms. */
    Map<String, Dataset> rawSplits() {
        return Collections.unmodifiableMap(rawSplits);
    }

    /**
     * One more transform, already applied to every split ({@code newSplits}) and, when the data
     * is unsplit, to the whole set ({@code newWhole}); with splits the whole set is transformed
     * on demand.
     */
    SessionData withTransform(AppliedTransform transform, LinkedHashMap<String, Dataset> newSplits, Dataset newWhole) {
        List<AppliedTransform> list = new ArrayList<>(transforms);
        list.add(transform);
        return new SessionData(base, new LinkedHashMap<>(newSplits), rawSplits, official, list, splitSeed, newWhole);
    }

    Dataset base() {
        return base;
    }

    boolean isSplit() {
        return !splits.isEmpty();
    }

    long splitSeed() {
        return splitSeed;
    }

    /** The splits, transformed, in order. */
    Map<String, Dataset> splits() {
        return Collections.unmodifiableMap(splits);
    }

    List<AppliedTransform> transforms() {
        return transforms;
    }

    /** The whole set with every transform applied (computed when first needed). */
    Dataset whole() {
        Dataset d = whole == null ? null : whole.get();
        if (d == null) {
            d = base;
            for (AppliedTransform t : transforms) {
                d = t.transform().apply(t.fitted(), d);
            }
            d = d.renamed(base.name());
            setWhole(d);
        }
        return d;
    }

    /** Features after the transforms. */
    int featureWidth() {
        return transforms.isEmpty() ? base.features() : transforms.get(transforms.size() - 1).fitted().outputWidth();
    }

    /** Network outputs the data calls for: classes, or targets per row for regression. */
    int outputWidth() {
        return base.hasLabels() ? base.classCount() : base.targetCount();
    }

    /** The set a transform is fitted on and training runs on: the train split, or the whole set when unsplit. */
    Dataset trainingSet() {
        if (!isSplit()) {
            return whole();
        }
        Dataset train = splits.get(TRAIN);
        if (train == null) {
            throw new IllegalStateException("the splits " + splits.keySet() + " have no part named 'train'; "
                    + "split again with one, e.g. split train=0.8 test=0.2");
        }
        return train;
    }

    /** A split by name, or the whole set for {@code all}. */
    Dataset part(String name) {
        String key = name == null ? ALL : name.trim();
        if (key.isEmpty() || key.equals(ALL)) {
            return whole();
        }
        Dataset d = splits.get(key);
        if (d == null) {
            List<String> names = new ArrayList<>();
            names.add(ALL);
            names.addAll(splits.keySet());
            throw new IllegalArgumentException("no split named '" + name + "'; available: " + String.join(", ", names)
                    + (isSplit() ? "" : " (the data is not split; use split train=0.8 test=0.2)"));
        }
        return d;
    }

    /** "digits: 1797 examples x 64 features, 10 classes". */
    static String summary(Dataset d) {
        return d.name() + ": " + d.size() + " examples x " + d.features() + " features, "
                + (d.hasLabels() ? d.classCount() + " classes" : d.targetCount() + " targets");
    }
}

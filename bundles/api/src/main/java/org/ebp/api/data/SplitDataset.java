package org.ebp.api.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset together with its official splits (e.g. Fashion-MNIST's {@code train} and
 * {@code test}): each split is a list of row indices into {@link #data()}; the splits are
 * disjoint. No splits means the set has none and the user splits it.
 *
 * @param data   the whole set
 * @param splits split name to the rows of {@code data} it holds, in order
 * @since 1.1
 */
public record SplitDataset(Dataset data, Map<String, int[]> splits) {

    /**
     * @throws IllegalArgumentException for a row outside the data, a row in two splits, or an empty split
     */
    public SplitDataset {
        Objects.requireNonNull(data, "data");
        LinkedHashMap<String, int[]> copy = new LinkedHashMap<>();
        boolean[] taken = new boolean[data.size()];
        for (Map.Entry<String, int[]> e : (splits == null ? Map.<String, int[]>of() : splits).entrySet()) {
            int[] rows = e.getValue();
            if (rows == null || rows.length == 0) {
                throw new IllegalArgumentException(data.name() + ": official split '" + e.getKey() + "' has no rows");
            }
            for (int r : rows) {
                if (r < 0 || r >= taken.length) {
                    throw new IllegalArgumentException(data.name() + ": official split '" + e.getKey() + "' names row " + r
                            + " of " + taken.length);
                }
                if (taken[r]) {
                    throw new IllegalArgumentException(data.name() + ": row " + r + " lies in two official splits");
                }
                taken[r] = true;
            }
            copy.put(e.getKey(), rows.clone());
        }
        splits = Collections.unmodifiableMap(copy);
    }

    /** The split's rows as a view of {@link #data()}, named after the split. */
    public Dataset split(String name) {
        int[] rows = splits.get(name);
        if (rows == null) {
            throw new IllegalArgumentException(data.name() + " has no official split '" + name + "'; it has " + splits.keySet());
        }
        return data.subset(name, rows);
    }
}

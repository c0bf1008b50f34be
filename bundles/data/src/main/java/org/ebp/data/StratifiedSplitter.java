package org.ebp.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.Splitter;
import org.osgi.service.component.annotations.Component;

/**
 * Splits a dataset into named parts by fraction, optionally stratified by class, reproducibly
 * from a seed. Parts are {@link Dataset#subset views} named {@code <dataset>/<part>}; they share
 * the dataset's storage.
 *
 * <p><b>Sizes.</b> Stratified, class c (n_c rows) gives part p either floor(f_p n_c) or
 * ceil(f_p n_c) rows: every part first gets the floors, then the rows left over in that class go,
 * one per part, to the parts furthest below their overall share f_p * (rows seen so far), ties to
 * the earlier part. So every class keeps its proportion within one row in every part, and every
 * part's total stays within one row of f_p * n. Without stratification the whole set is one class.
 *
 * <p><b>Order.</b> Each class's rows are shuffled with a {@link SplittableRandom} seeded by
 * {@code seed} before they are dealt, and each part is shuffled again, so that a part read in
 * order is not sorted by class (several bundled sets are stored class by class).
 */
@Component(service = Splitter.class)
public final class StratifiedSplitter implements Splitter {

    /** Tolerance on the sum of the fractions, as the {@link Splitter} contract states. */
    static final double FRACTION_SUM_TOLERANCE = 1e-9;

    @Override
    public LinkedHashMap<String, Dataset> split(Dataset data, LinkedHashMap<String, Double> fractions, boolean stratify, long seed) {
        String[] parts = checkFractions(fractions);
        double[] f = new double[parts.length];
        for (int p = 0; p < parts.length; p++) {
            f[p] = fractions.get(parts[p]);
        }
        if (stratify && !data.hasLabels()) {
            throw new IllegalArgumentException("cannot stratify " + data.name() + ": it is a regression set without classes;"
                    + " split it with stratify=false");
        }

        int[][] strata = strata(data, stratify);
        SplittableRandom random = new SplittableRandom(seed);
        int[] assignedTotal = new int[parts.length];
        int[][] partRows = new int[parts.length][];
        int[] partFill = new int[parts.length];
        int[][] perStratum = new int[strata.length][parts.length];
        long seen = 0;
        for (int s = 0; s < strata.length; s++) {
            int n = strata[s].length;
            seen += n;
            int left = n;
            for (int p = 0; p < parts.length; p++) {
                // The tiny offset keeps a product such as 0.7 * 10 = 6.9999... from losing a row to rounding.
                perStratum[s][p] = (int) Math.floor(f[p] * n + 1e-9);
                left -= perStratum[s][p];
            }
            // Fractions may sum to 1 + 1e-9; on a huge class that could hand out one row too many.
            for (int p = parts.length - 1; left < 0; p = (p + parts.length - 1) % parts.length) {
                if (perStratum[s][p] > 0) {
                    perStratum[s][p]--;
                    left++;
                }
            }
            // The floors lose less than one row per part, so 'left' is below the number of parts and
            // no part gets two extras; the reset only guards against fractions summing to 1 - 1e-9.
            boolean[] extra = new boolean[parts.length];
            for (; left > 0; left--) {
                if (allTrue(extra)) {
                    Arrays.fill(extra, false);
                }
                int best = -1;
                double bestDeficit = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < parts.length; p++) {
                    if (extra[p]) {
                        continue;
                    }
                    double deficit = f[p] * seen - (assignedTotal[p] + perStratum[s][p]);
                    if (deficit > bestDeficit) {
                        bestDeficit = deficit;
                        best = p;
                    }
                }
                extra[best] = true;
                perStratum[s][best]++;
            }
            for (int p = 0; p < parts.length; p++) {
                assignedTotal[p] += perStratum[s][p];
            }
        }
        for (int p = 0; p < parts.length; p++) {
            if (assignedTotal[p] == 0) {
                throw new IllegalArgumentException("part '" + parts[p] + "' of " + data.name() + " would be empty (fraction "
                        + f[p] + " of " + data.size() + " rows); raise its fraction or drop the part");
            }
            partRows[p] = new int[assignedTotal[p]];
        }

        for (int s = 0; s < strata.length; s++) {
            int[] rows = strata[s];
            shuffle(rows, random);
            int next = 0;
            for (int p = 0; p < parts.length; p++) {
                System.arraycopy(rows, next, partRows[p], partFill[p], perStratum[s][p]);
                partFill[p] += perStratum[s][p];
                next += perStratum[s][p];
            }
        }

        LinkedHashMap<String, Dataset> result = new LinkedHashMap<>();
        for (int p = 0; p < parts.length; p++) {
            shuffle(partRows[p], random);
            result.put(parts[p], data.subset(data.name() + "/" + parts[p], partRows[p]));
        }
        return result;
    }

    private static String[] checkFractions(LinkedHashMap<String, Double> fractions) {
        if (fractions == null || fractions.isEmpty()) {
            throw new IllegalArgumentException("no parts to split into; give fractions such as train=0.8 test=0.2");
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            String part = e.getKey();
            Double v = e.getValue();
            if (part == null || part.isBlank()) {
                throw new IllegalArgumentException("a part has no name; name every part, e.g. train=0.8 test=0.2");
            }
            if (v == null || !(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("part '" + part + "' has fraction " + v + "; every fraction must be a number > 0");
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > FRACTION_SUM_TOLERANCE) {
            throw new IllegalArgumentException("the fractions " + fractions + " sum to "
                    + new BigDecimal(sum).round(new MathContext(12)).stripTrailingZeros().toPlainString() + ", not 1; adjust them so that they add up to 1");
        }
        return fractions.keySet().toArray(new String[0]);
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean b : flags) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /** Row indices grouped by class (in class order), or all rows as one group. */
    private static int[][] strata(Dataset data, boolean stratify) {
        int n = data.size();
        if (!stratify) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new int[][] {all};
        }
        int[] labels = data.labels();
        int[] counts = data.classCounts();
        List<int[]> strata = new ArrayList<>();
        int[] strataOfClass = new int[counts.length];
        for (int k = 0; k < counts.length; k++) {
            strataOfClass[k] = strata.size();
            if (counts[k] > 0) {
                strata.add(new int[counts[k]]);
            }
        }
        int[] fill = new int[counts.length];
        for (int i = 0; i < n; i++) {
            int k = labels[i];
            strata.get(strataOfClass[k])[fill[k]++] = i;
        }
        return strata.toArray(new int[0][]);
    }

    /** Fisher-Yates shuffle. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

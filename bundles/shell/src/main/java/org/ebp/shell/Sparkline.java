package org.ebp.shell;

import java.util.List;
import org.ebp.api.session.EpochReport;

/**
 * A curve in one line of Unicode blocks, lowest value lowest block: the training loss per epoch
 * in {@code status} and {@code progress}. Longer histories are averaged into {@link #WIDTH} buckets,
 * so the line shows the whole run at a glance.
 */
final class Sparkline {

    static final int WIDTH = 40;
    private static final char[] BLOCKS = {'\u2581', '\u2582', '\u2583', '\u2584', '\u2585', '\u2586', '\u2587', '\u2588'};

    private Sparkline() {
    }

    /** The blocks for {@code values}; a NaN or infinite value is a space. */
    static String of(double[] values, int width) {
        int n = Math.min(values.length, width);
        double[] buckets = new double[n];
        for (int b = 0; b < n; b++) {
            int from = (int) ((long) b * values.length / n);
            int to = (int) ((long) (b + 1) * values.length / n);
            double sum = 0;
            int count = 0;
            for (int i = from; i < to; i++) {
                if (Double.isFinite(values[i])) {
                    sum += values[i];
                    count++;
                }
            }
            buckets[b] = count == 0 ? Double.NaN : sum / count;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : buckets) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        StringBuilder line = new StringBuilder(n);
        for (double v : buckets) {
            if (!Double.isFinite(v)) {
                line.append(' ');
            } else {
                int level = max == min ? BLOCKS.length / 2 : (int) Math.round((v - min) / (max - min) * (BLOCKS.length - 1));
                line.append(BLOCKS[level]);
            }
        }
        return line.toString();
    }

    /** "train loss ▇▅▃▂▁ 1.0668 -> 0.4099 (8 epochs)", or null before the first epoch. */
    static String trainLoss(List<EpochReport> epochs) {
        if (epochs.isEmpty()) {
            return null;
        }
        double[] loss = epochs.stream().mapToDouble(EpochReport::trainLoss).toArray();
        return "train loss " + of(loss, WIDTH) + "  " + Text.number(loss[0]) + " -> " + Text.number(loss[loss.length - 1])
                + " (" + loss.length + " epoch" + (loss.length == 1 ? "" : "s")
                + (loss.length > WIDTH ? ", averaged in " + WIDTH + " blocks" : "") + ")";
    }
}

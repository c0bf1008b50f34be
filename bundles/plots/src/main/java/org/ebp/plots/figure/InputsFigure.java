package org.ebp.plots.figure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebp.api.session.InputSpectrumStage;
import org.ebp.plots.chart.Chart;
import org.ebp.plots.chart.ChartPainter;
import org.ebp.plots.chart.Series;

/**
 * The picture of section 1.4.3: the eigenvalues of the input covariance by rank, as loaded and
 * after each transform, on a log scale. Centring leaves them, scaling evens them out, pca keeps the
 * non-empty directions and whitening makes them all one; the spread is what slows learning.
 * Eigenvalues at rounding level (not above the pca tolerance) are left out, as the axis would
 * otherwise reach down to 1e-17.
 */
public final class InputsFigure {

    private InputsFigure() {
    }

    public static List<Chart> of(List<InputSpectrumStage> stages) {
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            InputSpectrumStage stage = stages.get(s);
            double[] values = Arrays.copyOf(stage.eigenvalues(), stage.nonZero());
            double[] rank = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                rank[i] = i + 1;
            }
            String condition = values.length == 0 ? "all zero"
                    : "condition " + AxisText.number(values[0] / values[values.length - 1]);
            series.add(new Series((s == 0 ? "" : "after ") + stage.stage() + " (" + condition + ")", rank, values,
                    ChartPainter.PALETTE[s % ChartPainter.PALETTE.length], false, values.length <= 40));
        }
        return List.of(new Chart("Input covariance eigenvalues (training set, section 1.4.3)", "rank",
                "eigenvalue", true, series, List.of()));
    }
}

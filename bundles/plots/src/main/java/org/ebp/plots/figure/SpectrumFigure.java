package org.ebp.plots.figure;

import java.util.List;
import java.util.Locale;
import org.ebp.api.session.HessianTools;
import org.ebp.plots.chart.Chart;
import org.ebp.plots.chart.ChartPainter;
import org.ebp.plots.chart.Series;

/**
 * The Hessian's largest eigenvalues by rank (sections 1.5 and 1.8: a few large eigenvalues and
 * many small ones make plain gradient descent slow). A log axis when all are positive, so that the
 * spread reads at a glance; a linear one otherwise (a non-convex point has negative ones).
 */
public final class SpectrumFigure {

    private SpectrumFigure() {
    }

    public static List<Chart> of(HessianTools.Spectrum spectrum) {
        double[] values = spectrum.eigenvalues();
        double[] rank = new double[values.length];
        boolean positive = values.length > 0;
        for (int i = 0; i < values.length; i++) {
            rank[i] = i + 1;
            positive &= values[i] > 0;
        }
        String title = String.format(Locale.ROOT, "Hessian: %d largest eigenvalues (%s, %s split, %d examples)",
                values.length, spectrum.method(), spectrum.split(), spectrum.examples());
        Series series = new Series("eigenvalue (" + spectrum.parameters() + " parameters)", rank, values,
                ChartPainter.PALETTE[0], false, true);
        return List.of(new Chart(title, "rank", "eigenvalue", positive, List.of(series), List.of()));
    }
}

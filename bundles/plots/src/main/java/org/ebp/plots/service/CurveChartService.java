package org.ebp.plots.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebp.api.plots.CurveCharts;
import org.ebp.api.session.EpochReport;
import org.ebp.plots.figure.CurvesFigure;
import org.ebp.plots.figure.FigureFile;
import org.ebp.plots.figure.RunCurves;
import org.osgi.service.component.annotations.Component;

/** {@code plot curves}' figure for other bundles (a study's chart of every configuration), PNG or SVG by extension. */
@Component(service = CurveCharts.class)
public final class CurveChartService implements CurveCharts {

    @Override
    public Path write(Path file, Map<String, List<EpochReport>> curves, int width, int height) throws IOException {
        List<RunCurves> runs = new ArrayList<>();
        curves.forEach((name, epochs) -> runs.add(new RunCurves(name, epochs, List.of())));
        return FigureFile.write(file, CurvesFigure.of(runs), width, height);
    }
}

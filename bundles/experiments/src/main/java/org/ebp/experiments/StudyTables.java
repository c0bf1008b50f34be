package org.ebp.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ebp.api.experiments.RecipeResult;
import org.ebp.api.experiments.Study;
import org.ebp.api.experiments.StudyPlan;
import org.ebp.api.experiments.StudyReport;
import org.ebp.api.experiments.StudyRow;
import org.ebp.api.experiments.Trial;
import org.ebp.api.session.EpochReport;
import org.ebp.api.session.Evaluation;

/** A study's runs as one row per configuration (mean and spread over seeds), ordered by effect or by error. */
final class StudyTables {

    private StudyTables() {
    }

    static StudyReport report(Study study, StudyPlan plan, ParallelRuns.Outcome outcome, int parallel) {
        List<List<RecipeResult>> byTrial = new ArrayList<>();
        List<List<String>> failures = new ArrayList<>();
        study.trials().forEach(t -> {
            byTrial.add(new ArrayList<>());
            failures.add(new ArrayList<>());
        });
        boolean classification = true;
        int completed = 0;
        List<ParallelRuns.Done> bySeed = new ArrayList<>(outcome.done());
        bySeed.sort(Comparator.comparingInt((ParallelRuns.Done d) -> d.job().seed())); // runs end in any order
        for (ParallelRuns.Done d : bySeed) {
            if (d.failure() != null) {
                failures.get(d.job().trial()).add("seed " + d.job().seed() + ": " + d.failure());
            }
            if (d.result() != null && d.result().completed()) {
                byTrial.get(d.job().trial()).add(d.result());
                completed++;
                classification &= !Double.isNaN(d.result().train().accuracy());
            }
        }
        List<StudyRow> rows = new ArrayList<>();
        for (int t = 0; t < study.trials().size(); t++) {
            List<RecipeResult> results = byTrial.get(t);
            if (!results.isEmpty() || !failures.get(t).isEmpty()) {
                rows.add(row(study.trials().get(t), results, failures.get(t), plan.target(), classification));
            }
        }
        rows = ordered(study, rows);
        return new StudyReport(study, plan, rows, classification ? "error" : "loss", completed,
                study.trials().size() * plan.seeds(), outcome.wallSeconds(), parallel, outcome.stopped());
    }

    /** Final error of a split: 1 - accuracy for classification, the loss for regression. */
    static double error(Evaluation e, boolean classification) {
        if (e == null) {
            return Double.NaN;
        }
        return classification ? 1 - e.accuracy() : e.loss();
    }

    static double error(EpochReport r, boolean classification) {
        return classification ? 1 - r.evalAccuracy() : r.evalLoss();
    }

    private static StudyRow row(Trial trial, List<RecipeResult> results, List<String> failed, double target,
                                boolean classification) {
        double[] train = new double[results.size()];
        double[] test = new double[results.size()];
        double epochsSum = 0;
        int reached = 0;
        double wall = 0;
        List<List<EpochReport>> curves = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            RecipeResult r = results.get(i);
            train[i] = error(r.train(), classification);
            test[i] = error(r.test(), classification);
            wall += r.wallSeconds();
            curves.add(r.epochs());
            if (!Double.isNaN(target)) {
                for (EpochReport e : r.epochs()) {
                    if (e.evalSplit() != null && error(e, classification) <= target) {
                        epochsSum += e.epoch();
                        reached++;
                        break;
                    }
                }
            }
        }
        return new StudyRow(trial, results.size(), mean(train), spread(train), mean(test), spread(test),
                reached == 0 ? Double.NaN : epochsSum / reached, reached, results.isEmpty() ? Double.NaN
                : wall / results.size(), curves, failed);
    }

    /** Ablation: the recipe first, then by the size of the change of the test error; sweep: best first. */
    private static List<StudyRow> ordered(Study study, List<StudyRow> rows) {
        List<StudyRow> out = new ArrayList<>(rows);
        if (study.kind().equals("ablate") && !out.isEmpty() && out.get(0).trial() == study.trials().get(0)) {
            StudyRow recipe = out.remove(0);
            double base = headline(recipe);
            out.sort(Comparator.comparingDouble((StudyRow r) -> Double.isNaN(headline(r)) ? Double.POSITIVE_INFINITY
                    : -Math.abs(headline(r) - base)));
            out.add(0, recipe);
        } else {
            out.sort(Comparator.comparingDouble((StudyRow r) -> Double.isNaN(headline(r)) ? Double.POSITIVE_INFINITY
                    : headline(r)));
        }
        return out;
    }

    /** The error a row is judged by: test, or training without a test split. */
    static double headline(StudyRow r) {
        return Double.isNaN(r.testError()) ? r.trainError() : r.testError();
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (0 for one value). */
    static double spread(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** The table for the shell and the Markdown file: columns, then one line per row. */
    static List<String[]> cells(StudyReport report) {
        boolean error = report.metric().equals("error");
        String first = report.study().kind().equals("ablate") ? "variant" : "setting";
        String target = Double.isNaN(report.plan().target()) ? "epochs to target"
                : "epochs to " + (error ? percent(report.plan().target()) : number(report.plan().target()));
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {first, "train " + report.metric(), "test " + report.metric(), target, "wall s/run", "change"});
        for (StudyRow r : report.rows()) {
            String epochs = Double.isNaN(r.epochsToTarget()) ? (Double.isNaN(report.plan().target()) ? "-" : "not reached")
                    : String.format(Locale.ROOT, "%.1f", r.epochsToTarget()) + (r.reached() < r.runs()
                    ? " (" + r.reached() + "/" + r.runs() + ")" : "");
            String change = r.trial().change();
            if (!r.failures().isEmpty()) {
                // the first reason, short: the run records (runs show ID) keep the whole message
                String why = r.failures().get(0).replaceFirst("^seed \\d+: ", "");
                change = (change.isEmpty() ? "" : change + "; ") + r.failures().size() + " of "
                        + (r.runs() + r.failures().size()) + " runs failed: " + org.ebp.io.Excerpt.of(why, 60);
            }
            if (r.runs() == 0) {
                epochs = "-";
            }
            lines.add(new String[] {r.trial().label(), spread(r.trainError(), r.trainSpread(), error),
                    spread(r.testError(), r.testSpread(), error), epochs,
                    Double.isNaN(r.wallSeconds()) ? "-" : String.format(Locale.ROOT, "%.2f", r.wallSeconds()), change});
        }
        return lines;
    }

    private static String spread(double mean, double sd, boolean error) {
        if (Double.isNaN(mean)) {
            return "-";
        }
        return error ? percent(mean) + " +- " + String.format(Locale.ROOT, "%.2f", 100 * sd)
                : number(mean) + " +- " + number(sd);
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

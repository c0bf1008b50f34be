package org.ebp.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ebp.api.session.EvaluationDetail;

/** The text of {@code evaluate SPLIT detail=true}: a confusion matrix with per-class precision and recall, or R^2 per target. */
final class EvaluationTables {

    private EvaluationTables() {
    }

    /** The R^2 part of an evaluation line for regression: ", R^2 0.9876" (several targets: their mean and each). */
    static String rSquared(EvaluationDetail d) {
        double[] r = d.rSquared();
        if (r.length == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder(", R^2 ").append(r2(d.meanRSquared()));
        if (r.length > 1) {
            b.append(" (per target:");
            for (double v : r) {
                b.append(' ').append(r2(v));
            }
            b.append(')');
        }
        return b.toString();
    }

    private static String r2(double v) {
        return Double.isNaN(v) ? "- (constant target)" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** Rows: true class; columns: predicted class; then precision and recall of every class. */
    static List<String> confusion(EvaluationDetail d) {
        List<String> names = d.classNames();
        int k = names.size();
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("true \\ predicted"));
        head.addAll(names);
        head.addAll(List.of("recall"));
        rows.add(head);
        for (int t = 0; t < k; t++) {
            List<String> row = new ArrayList<>(List.of(names.get(t)));
            for (int p = 0; p < k; p++) {
                row.add(Integer.toString(d.confusion()[t][p]));
            }
            row.add(Text.percent(d.recall(t)));
            rows.add(row);
        }
        List<String> precision = new ArrayList<>(List.of("precision"));
        for (int p = 0; p < k; p++) {
            precision.add(Text.percent(d.precision(p)));
        }
        rows.add(precision);
        return RunTables.aligned(rows);
    }
}

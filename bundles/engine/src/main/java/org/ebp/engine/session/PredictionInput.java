package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.session.ComponentCatalog;
import org.ebp.io.Excerpt;

/**
 * The new data {@code predict} applies a network to: read by a dataset source as {@code data load}
 * reads it, checked against the inputs the network was trained on, its labels numbered as the
 * network's classes. A CSV file given without {@code label=} or {@code targets=} may hold the
 * input columns only, or one label column (K target columns) more at the end.
 */
final class PredictionInput {

    /**
     * What the network was trained on.
     *
     * @param width      features before the transforms
     * @param classNames the classes (empty for regression)
     * @param targets    targets per row (0 for classification)
     * @param dataName   the training data's name, for messages
     */
    record Expected(int width, List<String> classNames, int targets, String dataName) {

        static Expected of(SessionData data) {
            Dataset base = data.base();
            return new Expected(base.features(), base.classNames(), base.targetCount(), base.name());
        }

        boolean classification() {
            return !classNames.isEmpty();
        }

        /** Answer columns a file may add at the end: a label, or K targets. */
        int answerColumns() {
            return classification() ? 1 : targets;
        }

        String answers() {
            return classification() ? "one label column" : targets + " target column" + (targets == 1 ? "" : "s");
        }
    }

    private PredictionInput() {
    }

    /**
     * Reads the data and checks it against the network.
     *
     * @return features, and labels (numbered as the network's classes) or targets when the data has them
     * @throws DataFormatException naming the file and the problem; nothing is changed
     */
    static Dataset read(ComponentCatalog catalog, String source, Map<String, String> settings, Expected expected,
                        java.nio.file.Path out) throws DataFormatException {
        Session.requireName(source, "a dataset source, e.g. csv");
        refuseOverwritingInput(settings, out);
        DatasetSource reader = catalog.get(ComponentKind.DATASET, source, DatasetSource.class);
        String what = describe(source, settings);
        Dataset d;
        if (reader.name().equals("csv") && !settings.containsKey("label") && !settings.containsKey("targets")) {
            d = readCsvWithoutAnswerSetting(reader, settings, expected, what);
        } else {
            d = load(reader, settings);
        }
        if (d.size() == 0) {
            throw new DataFormatException(what + " holds no examples");
        }
        requireAnswersOfTheNetworksKind(d, expected, what);
        if (d.features() != expected.width()) {
            throw new DataFormatException(what + " has " + d.features() + " feature" + (d.features() == 1 ? "" : "s")
                    + " but the network takes " + expected.width() + " (the features of '" + expected.dataName()
                    + "' before its transforms)" + (reader.name().equals("csv") ? "; a CSV file holds those columns, "
                    + "optionally followed by " + expected.answers() : "") + "; give data of that width");
        }
        return answers(d, expected, what);
    }

    /**
     * A CSV file with the inputs only or with answers at the end: read every column as a
     * feature; one answer more than the inputs means the last column(s) are the answers, read
     * again as {@code data load} reads them. A classification file whose labels are text cannot
     * be read as numbers: it is read with its label last.
     */
    private static Dataset readCsvWithoutAnswerSetting(DatasetSource reader, Map<String, String> settings, Expected expected,
                                                       String what) throws DataFormatException {
        Map<String, String> plain = new LinkedHashMap<>(settings);
        plain.put("label", "none");
        Dataset numbers;
        try {
            numbers = load(reader, plain);
        } catch (DataFormatException | IllegalArgumentException e) {
            if (!expected.classification()) {
                throw e;
            }
            Map<String, String> labelled = new LinkedHashMap<>(settings);
            labelled.put("label", "last");
            return load(reader, labelled);
        }
        if (numbers.features() == expected.width()) {
            return numbers;
        }
        if (numbers.features() == expected.width() + expected.answerColumns()) {
            Map<String, String> withAnswers = new LinkedHashMap<>(settings);
            if (expected.classification()) {
                withAnswers.put("label", "last");
            } else {
                withAnswers.put("targets", Integer.toString(expected.targets()));
            }
            return load(reader, withAnswers);
        }
        throw new DataFormatException(what + " has " + numbers.features() + " columns but the network takes "
                + expected.width() + " features (the features of '" + expected.dataName() + "' before its transforms), "
                + "optionally followed by " + expected.answers() + "; give a file of " + expected.width() + " or "
                + (expected.width() + expected.answerColumns()) + " columns, or name the columns with label= or targets=");
    }

    private static Dataset load(DatasetSource reader, Map<String, String> settings) throws DataFormatException {
        Settings validated = reader.settings(settings);
        Dataset d = reader.load(validated);
        if (d == null) {
            throw new IllegalStateException("dataset source '" + reader.name() + "' returned no data");
        }
        return d;
    }

    /** Refuses labels for a regression network and targets for a classifier (or a wrong number of them). */
    private static void requireAnswersOfTheNetworksKind(Dataset d, Expected expected, String what) throws DataFormatException {
        if (d.isUnlabeled()) {
            return;
        }
        if (d.hasLabels() != expected.classification()) {
            throw new DataFormatException(what + " has " + (d.hasLabels() ? "class labels" : d.targetCount() + " target column(s)")
                    + " but the network " + (expected.classification() ? "classifies into " + expected.classNames().size()
                    + " classes" : "predicts " + expected.targets() + " real target(s)") + "; give label=none for no answers, "
                    + (expected.classification() ? "or label=COLUMN" : "or targets=" + expected.targets()));
        }
        if (!d.hasLabels()) {
            if (d.targetCount() != expected.targets()) {
                throw new DataFormatException(what + " has " + d.targetCount() + " target column(s) but the network predicts "
                        + expected.targets() + "; give targets=" + expected.targets() + " or label=none");
            }
        }
    }

    /** The data with its labels numbered as the network's classes. */
    private static Dataset answers(Dataset d, Expected expected, String what) throws DataFormatException {
        if (!d.hasLabels()) {
            return d;
        }
        int[] index = classIndex(d.classNames(), expected.classNames(), what);
        int[] labels = d.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index[labels[i]];
        }
        return Dataset.classification(d.name(), d.featureMatrix(), d.size(), d.features(), labels, expected.classNames(),
                d.featureNames());
    }

    /**
     * The network's class of each class of the file: the class of that name, or, for a whole
     * number (the readers' rule for numeric labels), the class with that index.
     */
    static int[] classIndex(List<String> fileClasses, List<String> networkClasses, String what) throws DataFormatException {
        Map<String, Integer> byName = new HashMap<>();
        for (int k = 0; k < networkClasses.size(); k++) {
            byName.put(networkClasses.get(k), k);
        }
        int[] index = new int[fileClasses.size()];
        List<String> unknown = new ArrayList<>();
        for (int k = 0; k < fileClasses.size(); k++) {
            String name = fileClasses.get(k);
            Integer found = byName.get(name);
            if (found == null && name.matches("[0-9]{1,9}") && Integer.parseInt(name) < networkClasses.size()) {
                found = Integer.parseInt(name);
            }
            if (found == null) {
                unknown.add(name);
            } else {
                index[k] = found;
            }
        }
        if (!unknown.isEmpty()) {
            throw new DataFormatException(what + " has label " + Excerpt.of(unknown.get(0)) + (unknown.size() > 1
                    ? " (and " + (unknown.size() - 1) + " more)" : "") + ", which is not one of the network's classes "
                    + Excerpt.of(String.join(", ", networkClasses)) + " (nor a class index 0.." + (networkClasses.size() - 1)
                    + "); is it the right file or label column?");
        }
        return index;
    }

    /** The predictions must not replace the data they come from. */
    private static void refuseOverwritingInput(Map<String, String> settings, java.nio.file.Path out) throws DataFormatException {
        for (String key : List.of("path", "images", "labels")) {
            String v = settings.get(key);
            if (v == null || v.isBlank()) {
                continue;
            }
            try {
                java.nio.file.Path in = java.nio.file.Path.of(v);
                boolean same = java.nio.file.Files.exists(out) && java.nio.file.Files.exists(in)
                        ? java.nio.file.Files.isSameFile(in, out)
                        : in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
                if (same) {
                    throw new DataFormatException("out=" + Excerpt.of(out.toString()) + " is the data file itself; write the "
                            + "predictions to another file, e.g. out=predictions.csv");
                }
            } catch (java.nio.file.InvalidPathException | java.io.IOException e) {
                if (e instanceof DataFormatException d) {
                    throw d;
                }
                // the reader names a bad path when it opens it
            }
        }
    }

    /** "a.csv" or "images t10k-images-idx3-ubyte.gz": the file the data comes from, for messages. */
    static String describe(String source, Map<String, String> settings) {
        for (String key : List.of("path", "images", "file")) {
            String v = settings.get(key);
            if (v != null && !v.isBlank()) {
                return Excerpt.of(v, 200);
            }
        }
        return "the data of '" + source + "'";
    }
}

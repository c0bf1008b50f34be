package org.ebp.engine.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ebp.api.data.Dataset;

/**
 * What {@code data split} divides, given the data's official splits. Without official splits it
 * divides the whole loaded set. With them (Fashion-MNIST's train and test) it divides the
 * official {@code train} split only and keeps the other official splits as they are, so
 * {@code data split validation=0.1} carves a validation set out of the 60,000 training images and
 * the 10,000 test images stay the official test set; {@code from=all} divides the whole set
 * instead, ignoring the official splits.
 *
 * <p>Remainder rule: when no {@code train} fraction is given and the others sum to less than 1,
 * {@code train} gets the rest ({@code data split validation=0.2 test=0.2} gives train 0.6).
 */
final class SplitRequest {

    static final String FROM = "from";
    private static final Pattern PART_NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    /**
     * @param source the set the splitter divides
     * @param kept   official splits kept unchanged (after the divided parts)
     * @param from   "all" or the official split divided
     */
    record Plan(Dataset source, LinkedHashMap<String, Dataset> kept, String from) {
    }

    private SplitRequest() {
    }

    /** Reads and removes {@code from}, adds the train remainder to {@code raw}, and says what to divide. */
    static Plan plan(SessionData current, Map<String, String> raw) {
        Map<String, Dataset> official = current.officialSplits();
        String defaultFrom = official.containsKey(SessionData.TRAIN) ? SessionData.TRAIN : SessionData.ALL;
        String from = raw.containsKey(FROM) ? raw.remove(FROM).trim() : defaultFrom;
        addTrainRemainder(raw);
        if (from.equals(SessionData.ALL)) {
            return new Plan(current.base(), new LinkedHashMap<>(), from);
        }
        Dataset source = official.get(from);
        if (source == null) {
            throw new IllegalArgumentException("split from=" + from + ": " + (official.isEmpty()
                    ? current.base().name() + " has no official splits; use from=all (the default)"
                    : "no official split of that name; use from=all or one of " + official.keySet()));
        }
        LinkedHashMap<String, Dataset> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Dataset> e : official.entrySet()) {
            if (e.getKey().equals(from)) {
                continue;
            }
            if (raw.containsKey(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is an official split of " + current.base().name()
                        + " (" + e.getValue().size() + " examples) and is kept as it is; split " + from
                        + " into other parts (e.g. data split validation=0.1), or add from=all to split the whole set");
            }
            kept.put(e.getKey(), e.getValue());
        }
        return new Plan(source, kept, from);
    }

    private static void addTrainRemainder(Map<String, String> raw) {
        if (raw.containsKey(SessionData.TRAIN) || raw.isEmpty()) {
            return;
        }
        double sum = 0;
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (e.getKey().equals("seed") || e.getKey().equals("stratify")) {
                continue;
            }
            try {
                sum += Double.parseDouble(e.getValue().trim());
            } catch (NumberFormatException | NullPointerException ex) {
                return; // the fraction parser reports it
            }
        }
        if (sum > 0 && sum < 1 - 1e-9) {
            raw.put(SessionData.TRAIN, Double.toString(1 - sum));
        }
    }

    /**
     * The part names and fractions of {@code data split}, train, validation and test first:
     * each fraction in (0, 1], together summing to 1.
     */
    static LinkedHashMap<String, Double> fractions(Map<String, String> raw) {
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("split needs parts with fractions, e.g. split train=0.8 test=0.2 "
                    + "(seed=1 and stratify=true are optional)");
        }
        List<String> order = new ArrayList<>();
        for (String conventional : List.of("train", "validation", "test")) {
            if (raw.containsKey(conventional)) {
                order.add(conventional);
            }
        }
        for (String key : raw.keySet()) {
            if (!order.contains(key)) {
                order.add(key);
            }
        }
        LinkedHashMap<String, Double> fractions = new LinkedHashMap<>();
        double sum = 0;
        StringBuilder given = new StringBuilder();
        for (String key : order) {
            String name = key.trim();
            if (name.equals(SessionData.ALL)) {
                throw new IllegalArgumentException("'all' names the whole set; choose another split part name");
            }
            if (!PART_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("split part name '" + key + "' is not valid; use lower-case letters, "
                        + "digits and '-', e.g. train, validation, test");
            }
            String text = raw.get(key) == null ? "" : raw.get(key).trim();
            double f;
            try {
                f = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("split fraction " + name + "=" + text + " is not a number; "
                        + "use e.g. train=0.8 test=0.2");
            }
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("split fraction " + name + "=" + text + " must lie in (0, 1]; "
                        + "use e.g. train=0.8 test=0.2");
            }
            fractions.put(name, f);
            sum += f;
            given.append(given.length() == 0 ? "" : " ").append(name).append('=').append(text);
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("split fractions must sum to 1, but " + given + " sum to "
                    + Formats.number(sum) + "; e.g. train=0.8 test=0.2");
        }
        return fractions;
    }
}

package org.ebp.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebp.api.component.State;

/**
 * A state as the JSON the workbench writes into checkpoints ({@code {"arrays": {name: [..]},
 * "scalars": {name: x}}}), and back. Doubles are written with {@link Double#toString}, which
 * reads back to the same bits; a state that does not survive this loses something in every
 * checkpoint and every swap.
 */
final class StateJson {

    private StateJson() {
    }

    static String write(State state) {
        StringBuilder b = new StringBuilder("{\"arrays\":{");
        String sep = "";
        for (String name : state.arrayNames()) {
            b.append(sep).append(quote(name)).append(":[");
            double[] values = state.array(name);
            for (int i = 0; i < values.length; i++) {
                b.append(i == 0 ? "" : ",").append(number(values[i], name));
            }
            b.append(']');
            sep = ",";
        }
        b.append("},\"scalars\":{");
        sep = "";
        for (String name : state.scalarNames()) {
            b.append(sep).append(quote(name)).append(':').append(number(state.scalar(name, 0), name));
            sep = ",";
        }
        return b.append("}}").toString();
    }

    private static String number(double v, String name) {
        if (!Double.isFinite(v)) {
            throw new AssertionError("state entry '" + name + "' holds " + v + ", which JSON cannot carry; "
                    + "keep state entries finite");
        }
        return Double.toString(v);
    }

    private static String quote(String name) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new AssertionError("state entry name '" + name + "' should be plain (letters, digits, - _ .)");
        }
        return "\"" + name + "\"";
    }

    static State read(String json) {
        State state = new State();
        int arrays = json.indexOf("\"arrays\":{") + 10;
        int scalars = json.indexOf("},\"scalars\":{");
        for (Map.Entry<String, String> e : entries(json.substring(arrays, scalars)).entrySet()) {
            String body = e.getValue().substring(1, e.getValue().length() - 1);
            List<Double> values = new ArrayList<>();
            for (String v : body.isEmpty() ? new String[0] : body.split(",")) {
                values.add(Double.parseDouble(v));
            }
            state.putArray(e.getKey(), values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        String scalarBody = json.substring(scalars + 13, json.length() - 2);
        for (Map.Entry<String, String> e : entries(scalarBody).entrySet()) {
            state.putScalar(e.getKey(), Double.parseDouble(e.getValue()));
        }
        return state;
    }

    /** name -> raw value for {@code "name":value,...} where values are numbers or [..] lists. */
    private static Map<String, String> entries(String body) {
        Map<String, String> out = new TreeMap<>();
        int i = 0;
        while (i < body.length()) {
            int nameEnd = body.indexOf('"', i + 1);
            String name = body.substring(i + 1, nameEnd);
            int valueStart = nameEnd + 2;
            int valueEnd = body.charAt(valueStart) == '[' ? body.indexOf(']', valueStart) + 1 : nextComma(body, valueStart);
            out.put(name, body.substring(valueStart, valueEnd));
            i = valueEnd + 1;
        }
        return out;
    }

    private static int nextComma(String body, int from) {
        int comma = body.indexOf(',', from);
        return comma < 0 ? body.length() : comma;
    }
}

package org.ebp.api.component;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable state of a stateless component (optimizer, schedule, sampler, fitted transform):
 * named {@code double[]} arrays and named scalars, keyed by name, never by position. The session
 * owns it, checkpoints it as plain data, and hands it to a swapped or updated component, which
 * keeps the entries it recognises and re-initialises the rest.
 *
 * <p>Not thread-safe: the session thread is its only writer.
 */
public final class State {

    private final TreeMap<String, double[]> arrays = new TreeMap<>();
    // Each scalar in a cell of its own, overwritten in place: an optimizer that counts its steps
    // here (Adam's t) then allocates nothing per step, as a boxed Double would (16 bytes a step).
    private final TreeMap<String, double[]> scalars = new TreeMap<>();

    /** The array of that name, or null. */
    public double[] array(String name) {
        return arrays.get(name);
    }

    /** The array of that name, created with zeros of the given length if absent or of another length. */
    public double[] array(String name, int length) {
        double[] a = arrays.get(name);
        if (a == null || a.length != length) {
            a = new double[length];
            arrays.put(name, a);
        }
        return a;
    }

    public State putArray(String name, double[] values) {
        arrays.put(name, values);
        return this;
    }

    public boolean hasArray(String name) {
        return arrays.containsKey(name);
    }

    /** The scalar of that name, or {@code fallback}. */
    public double scalar(String name, double fallback) {
        double[] cell = scalars.get(name);
        return cell == null ? fallback : cell[0];
    }

    public boolean hasScalar(String name) {
        return scalars.containsKey(name);
    }

    public State putScalar(String name, double value) {
        double[] cell = scalars.get(name);
        if (cell == null) {
            scalars.put(name, new double[] {value});
        } else {
            cell[0] = value;
        }
        return this;
    }

    public void remove(String name) {
        arrays.remove(name);
        scalars.remove(name);
    }

    public Set<String> arrayNames() {
        return Collections.unmodifiableSet(arrays.keySet());
    }

    public Set<String> scalarNames() {
        return Collections.unmodifiableSet(scalars.keySet());
    }

    /** Read-only views for serialisation. */
    public Map<String, double[]> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** The scalars as they are now: a read-only copy, which later puts do not change. */
    public Map<String, Double> scalars() {
        TreeMap<String, Double> values = new TreeMap<>();
        scalars.forEach((k, cell) -> values.put(k, cell[0]));
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return arrays.isEmpty() && scalars.isEmpty();
    }

    /** A deep copy. */
    public State copy() {
        State s = new State();
        arrays.forEach((k, v) -> s.arrays.put(k, v.clone()));
        scalars.forEach((k, cell) -> s.scalars.put(k, cell.clone()));
        return s;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("State{");
        arrays.forEach((k, v) -> b.append(k).append("[").append(v.length).append("] "));
        scalars.forEach((k, cell) -> b.append(k).append('=').append(cell[0]).append(' '));
        return b.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof State s) || !s.scalars().equals(scalars()) || !s.arrays.keySet().equals(arrays.keySet())) {
            return false;
        }
        for (var e : arrays.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.arrays.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return scalars().hashCode() * 31 + arrays.keySet().hashCode();
    }
}

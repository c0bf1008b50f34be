package org.ebp.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a network's parameters lie in one flat {@code double[]}: a list of named segments, each a
 * row-major matrix (or vector) at an offset. Optimizers, per-weight learning rates, checkpoints
 * and Hessian tools all work on that one vector. Immutable.
 */
public final class ParameterLayout {

    /** What a segment holds. */
    public enum Role { WEIGHTS, BIASES, CENTERS, WIDTHS }

    /**
     * One contiguous block of parameters.
     *
     * @param name   e.g. {@code layer1.weights}
     * @param layer  index of the layer, from 1 (first hidden layer)
     * @param role   what the block holds
     * @param rows   rows of the block (for weights: the layer's units)
     * @param cols   columns (for weights: the layer's inputs; 1 for biases)
     * @param fanIn  inputs feeding each unit of the layer, bias included (m in eq 15)
     * @param offset index of the first element in the flat vector
     */
    public record Segment(String name, int layer, Role role, int rows, int cols, int fanIn, int offset) {
        public Segment {
            Objects.requireNonNull(name);
            Objects.requireNonNull(role);
            if (rows <= 0 || cols <= 0 || offset < 0 || fanIn <= 0) {
                throw new IllegalArgumentException("bad segment " + name + ": " + rows + "x" + cols + " at " + offset);
            }
        }

        /** Number of parameters in the segment. */
        public int length() {
            return rows * cols;
        }

        /** One past the last index. */
        public int end() {
            return offset + rows * cols;
        }
    }

    private final List<Segment> segments;
    private final int size;

    public ParameterLayout(List<Segment> segments) {
        this.segments = List.copyOf(segments);
        int expected = 0;
        for (Segment s : this.segments) {
            if (s.offset() != expected) {
                throw new IllegalArgumentException("segment " + s.name() + " starts at " + s.offset() + ", expected " + expected);
            }
            expected = s.end();
        }
        this.size = expected;
    }

    /** Builder that places segments one after another. */
    public static final class Builder {
        private final List<Segment> list = new ArrayList<>();
        private int next;

        public Builder add(String name, int layer, Role role, int rows, int cols, int fanIn) {
            list.add(new Segment(name, layer, role, rows, cols, fanIn, next));
            next += rows * cols;
            return this;
        }

        public ParameterLayout build() {
            return new ParameterLayout(list);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Total number of parameters. */
    public int size() {
        return size;
    }

    /** The segment of that name. */
    public Segment segment(String name) {
        for (Segment s : segments) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no segment '" + name + "'");
    }

    /** The segment that holds flat index {@code i}. */
    public Segment segmentAt(int i) {
        for (Segment s : segments) {
            if (i >= s.offset() && i < s.end()) {
                return s;
            }
        }
        throw new IndexOutOfBoundsException(i + " not in 0.." + size);
    }

    /** Fan-in of the unit that parameter {@code i} feeds, for per-weight learning rates. */
    public int fanInAt(int i) {
        return segmentAt(i).fanIn();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterLayout p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            b.append(s.name()).append(' ').append(s.rows()).append('x').append(s.cols()).append(" @").append(s.offset()).append('\n');
        }
        return b.append("total ").append(size).toString();
    }
}

package org.ebp.engine.persist;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebp.api.component.State;
import org.ebp.api.data.FittedTransform;

/**
 * The process {@link KillWhileWritingTest} kills: writes a transform chain file again and again
 * through the engine's writer, each version recognisable from its sequence number, and says on
 * stdout when a write starts and when it is complete.
 */
public final class KilledWriter {

    /** Doubles per file: about 500 KB of JSON, so that a write takes a while and a kill often lands inside one. */
    static final int VALUES = 20_000;

    private KilledWriter() {
    }

    /** The chain of version {@code sequence}: every value is derived from it, so a mix of versions is caught. */
    static List<FittedTransform> chain(long sequence) {
        double[] mean = new double[VALUES];
        for (int i = 0; i < VALUES; i++) {
            mean[i] = sequence + i / (double) VALUES;
        }
        return List.of(new FittedTransform("center", Map.of("sequence", Long.toString(sequence)), VALUES, VALUES,
                new State().putArray("mean", mean), "version " + sequence));
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        for (long sequence = first; ; sequence++) {
            List<FittedTransform> chain = chain(sequence);
            System.out.println("start " + sequence);
            System.out.flush();
            TransformChainCodec.write(file, chain);
            System.out.println("done " + sequence);
            System.out.flush();
        }
    }
}

package org.ebp.api.keep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebp.api.data.DataFormatException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a training session keeps in files and brings back. Every write is atomic and refuses
 * anything but a regular file; every read checks the file's format, version, shapes and
 * numbers before it changes anything, and a refused file leaves the session as it was.
 */
@ProviderType
public interface ModelKeeping {

    /**
     * Writes the network (architecture, activations with settings, output coding, loss), the
     * fitted transform chain and the weights to a model file.
     *
     * @return one line saying what was written
     */
    String saveModel(Path file) throws IOException;

    /**
     * Makes a model file the session's network and its transform chain the session's inputs.
     * A trained network it replaces is kept first (see {@link #keepBeforeDiscard}).
     *
     * @return the lines to show
     */
    List<String> loadModel(Path file) throws DataFormatException;

    /**
     * Writes a checkpoint: the model plus the optimizer's, schedule's and sampler's states, the
     * seeds, epoch, step and the run's record so far.
     */
    String saveCheckpoint(Path file) throws IOException;

    /** Restores a checkpoint: the next {@code train} continues exactly as the run that wrote it. */
    List<String> loadCheckpoint(Path file) throws DataFormatException;

    /**
     * Writes the weights as NumPy data: an {@code .npz} of {@code layer1.W}, {@code layer1.b}, ...
     * or one flat float64 {@code .npy} in the same order.
     */
    String exportWeights(Path file) throws IOException;

    /** Reads weights written by {@link #exportWeights} or by NumPy in that layout into the current network. */
    String importWeights(Path file) throws DataFormatException;

    /**
     * When the session holds a trained network that {@code action} would discard, writes it to a
     * checkpoint in the workbench's autosave folder.
     *
     * @return a line saying what was kept and how to bring it back, or null when nothing needed keeping
     */
    String keepBeforeDiscard(String action) throws IOException;

    /** Brings back the network most recently kept by {@link #keepBeforeDiscard} (a checkpoint load). */
    List<String> undo() throws DataFormatException;

    /**
     * Applies the network, with the session's fitted transforms, to new data and writes one CSV
     * row per example to {@code out}: the predicted class and a score per class (softmax
     * probabilities or output values), or the predicted targets in their own units. The data is
     * read by a dataset source as {@code data load} reads it (e.g. {@code csv path=F},
     * {@code idx images=F}); without {@code label=} or {@code targets=} a CSV file may have the
     * network's input columns only, or one label column (K target columns) more, at the end.
     * Nothing in the session changes.
     *
     * @param source   a dataset source, e.g. {@code csv} or {@code idx}
     * @param settings its settings
     * @param out      the CSV file to write (atomically; anything but a regular file is refused)
     * @throws DataFormatException when the data cannot be read, or does not fit the network
     * @since 1.1
     */
    Prediction predict(String source, Map<String, String> settings, Path out) throws IOException, DataFormatException;
}

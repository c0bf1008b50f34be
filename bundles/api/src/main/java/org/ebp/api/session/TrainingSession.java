package org.ebp.api.session;

import java.util.List;
import java.util.Map;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.DataFormatException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One training session: data and its splits, fitted transforms, a network, the components in
 * use, the weights and the optimizer state. Training runs on the session's own thread; every
 * method here is thread-safe. Every method that a user's input can make fail throws an
 * {@link IllegalArgumentException} (or {@link DataFormatException}) with a message that names the
 * problem and the fix, and then has changed nothing.
 */
@ProviderType
public interface TrainingSession {

    /**
     * Loads a dataset through the {@code dataset} component of that name (e.g. {@code digits},
     * {@code csv path=...}). Replaces the current data, its splits, transforms and network.
     *
     * @return a one-line summary
     */
    String loadData(String source, Map<String, String> settings) throws DataFormatException;

    /**
     * Splits the loaded data, e.g. {@code train=0.8 test=0.2 seed=1 stratify=true}. Replaces any
     * previous splits and fitted transforms.
     *
     * @return split name to size
     */
    Map<String, Integer> split(Map<String, String> settings);

    /** Size, classes and counts, feature mean and variance ranges of a split ("all" for the whole set). */
    List<String> describe(String split);

    /**
     * Fits the named transform on the {@code train} split (or the whole set when unsplit) and
     * applies it to every split.
     *
     * @return the transform's report lines
     */
    List<String> fitTransform(String transform, Map<String, String> settings);

    /**
     * Creates a network from a layer spec such as {@code 64-30-10} (input width first; {@code in}
     * and {@code out} may stand for the data's widths), with settings {@code activation},
     * {@code output}, {@code coding}, {@code loss}, {@code init}, {@code seed} and the
     * initializer's own settings. Replaces weights and optimizer state.
     *
     * @return a one-line summary
     */
    String createNetwork(String spec, Map<String, String> settings);

    /**
     * Uses the component of that kind and name with those settings from the next step on
     * (optimizer, schedule, sampler, compute; since 1.1 also activation with
     * {@code layer=hidden|output|all}), also while training runs. A swap that cannot work is
     * refused with the reason and changes nothing.
     *
     * @return what happened, e.g. which state was carried over
     */
    String use(ComponentKind kind, String name, Map<String, String> settings);

    /**
     * Trains for {@code epochs} more epochs on the train split and waits until done. Settings:
     * {@code batch} (mini-batch size), {@code eval} (split evaluated after each epoch).
     *
     * @return one report per epoch
     */
    List<EpochReport> train(int epochs, Map<String, String> settings, TrainingListener listener);

    /** Loss and accuracy on a split. */
    Evaluation evaluate(String split);

    SessionStatus status();

    /**
     * Starts training like {@link #train} but returns at once; progress goes to the listener from
     * the session's thread. The future completes with the run's reports (or its failure).
     *
     * @throws IllegalStateException when a run is already going, with the same checks as train
     * @since 1.1
     */
    default java.util.concurrent.Future<List<EpochReport>> trainInBackground(int epochs, Map<String, String> settings,
                                                                             TrainingListener listener) {
        throw new UnsupportedOperationException("this session cannot train in the background");
    }

    /**
     * Asks a running training to stop at the next step boundary; weights and state are kept.
     *
     * @return false when no training was running
     * @since 1.1
     */
    default boolean stop() {
        return false;
    }

    /**
     * Pauses a running training at the next step boundary until {@link #resume}.
     *
     * @return false when no training was running
     * @since 1.1
     */
    default boolean pause() {
        return false;
    }

    /**
     * Resumes a training paused by {@link #pause}. A pause caused by a missing component lasts
     * until the component is back or another one is chosen with {@link #use}.
     *
     * @return what happened, e.g. "resumed at step 1200" or why it stays paused
     * @since 1.1
     */
    default String resume() {
        return "nothing to resume";
    }

    /**
     * The session's run history: runs, swaps, refusals, pauses and resumes with their step numbers,
     * oldest first.
     *
     * @since 1.1
     */
    default List<SessionEvent> history() {
        return List.of();
    }

    /**
     * The running epoch's progress (the same figures {@link TrainingListener#stepProgress} gets),
     * or null when no epoch is running.
     *
     * @since 1.2
     */
    default StepProgress stepProgress() {
        return null;
    }

    /**
     * Fits transforms in order, each on the training set as the previous ones left it (e.g. the
     * paper's center, pca, scale), and applies each to every split. Implementations commit all
     * or none; this default fits them one by one.
     *
     * @param chain transform names with their settings
     * @return the report lines of every step
     * @since 1.1
     */
    default List<String> fitTransforms(List<Map.Entry<String, Map<String, String>>> chain) {
        List<String> lines = new java.util.ArrayList<>();
        for (Map.Entry<String, Map<String, String>> step : chain) {
            lines.addAll(fitTransform(step.getKey(), step.getValue()));
        }
        return lines;
    }

    /**
     * The fitted transforms, one line each, in order of application.
     *
     * @since 1.1
     */
    default List<String> describeTransforms() {
        return status().transforms();
    }

    /**
     * Removes every fitted transform; the splits are as loaded and split.
     *
     * @return what happened
     * @since 1.1
     */
    default List<String> clearTransforms() {
        throw new UnsupportedOperationException("this session cannot clear its transforms; load the data again");
    }

    /**
     * Writes the fitted transforms to a versioned JSON file, atomically.
     *
     * @return a one-line summary
     * @since 1.1
     */
    default String saveTransforms(java.nio.file.Path file) throws java.io.IOException {
        throw new UnsupportedOperationException("this session cannot save its transforms");
    }

    /**
     * Reads fitted transforms from a file written by {@link #saveTransforms} and applies them,
     * without refitting, after the current ones; a transform fitted on another width is refused
     * and nothing changes.
     *
     * @return the report lines
     * @since 1.1
     */
    default List<String> loadTransforms(java.nio.file.Path file) throws DataFormatException {
        throw new UnsupportedOperationException("this session cannot load transforms");
    }

    /**
     * Every epoch report of the current network, oldest first (bounded; the oldest go first in a
     * very long session), so that curves can be drawn of a whole session. A new network or new
     * data starts it afresh.
     *
     * @since 1.2
     */
    default List<EpochReport> epochs() {
        return List.of();
    }

    /**
     * The eigenvalues of the training inputs' covariance as loaded and after each fitted transform
     * in order (section 1.4.3: what each transform does to the spread that governs convergence).
     *
     * @throws IllegalStateException when no data is loaded, or the inputs are too wide to decompose
     * @since 1.2
     */
    default List<InputSpectrumStage> inputSpectra() {
        throw new UnsupportedOperationException("this session cannot compute input spectra");
    }

    /**
     * Writes what makes the current network (data source and settings, split, transforms, net,
     * components with their settings, the train plan with its seeds) as a versioned JSON file,
     * atomically. Settings: {@code epochs} (default: the epochs trained so far).
     *
     * @return a one-line summary
     * @since 1.3
     */
    default String saveExperiment(java.nio.file.Path file, Map<String, String> settings) throws java.io.IOException {
        throw new UnsupportedOperationException("this session cannot save experiments");
    }

    /**
     * Replays an experiment file in this session (data load, split, transforms, net, use, train),
     * so that on the same machine it trains bit for bit the same network; every step and every
     * epoch goes to the listener. A file that cannot be read changes nothing.
     *
     * @return the epoch reports of its training
     * @since 1.3
     */
    default List<EpochReport> runExperiment(java.nio.file.Path file, TrainingListener listener) throws DataFormatException {
        throw new UnsupportedOperationException("this session cannot run experiments");
    }

    /**
     * Loss and accuracy on a split with the confusion matrix (classification) or the R^2 of every
     * target (regression).
     *
     * @since 1.3
     */
    default EvaluationDetail evaluateDetail(String split) {
        throw new UnsupportedOperationException("this session cannot evaluate in detail");
    }

    /**
     * The {@code key=value} settings {@link #train} takes, declared once by the session that checks
     * them: the shell's help, TAB completion and check render this list, so they cannot drift from
     * what the session accepts. Empty when a session does not declare them.
     *
     * @since 1.4
     */
    default List<org.ebp.api.component.ParameterSpec> trainSettings() {
        return List.of();
    }
}

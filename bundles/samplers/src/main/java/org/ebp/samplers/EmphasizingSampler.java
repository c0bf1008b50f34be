package org.ebp.samplers;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.component.State;
import org.ebp.api.optim.Sampler;
import org.osgi.service.component.annotations.Component;

/**
 * The emphasizing scheme of section 1.4.2: examples with a large error are presented more often
 * than examples the network already gets right, and the emphasis is capped because the scheme
 * "can be disastrous" with outliers.
 *
 * <p>The state array {@value #ERRORS} keeps the last observed error of every example (1 for an
 * example not yet seen, so the first epoch is uniform). Each epoch draws {@code n} presentations,
 * example {@code i} with probability proportional to
 * <pre>  p_i = min(e_i, c) + floor * mean_j min(e_j, c),   c = cap * mean_j min(e_j, c)</pre>
 * The cap level {@code c} is cap times the mean of the capped errors (a winsorized mean, solved
 * exactly from the sorted errors), not of the raw errors: one outlier with error 1e6 would
 * otherwise raise the plain mean, and the cap with it, far enough to take most of the epoch. With
 * this definition no example gets more than {@code cap / n} of the presentations, whatever its
 * error (see {@link #presentationWeights} for the case of many errors exactly 0). The floor (relative to the same mean, so it does not depend on the loss's scale) keeps
 * well-learned examples coming back, so their errors do not go stale; with {@code floor=0} an
 * example whose error reached 0 is never presented again.
 *
 * <p>The draws are systematic (low-variance) resampling, so example {@code i} appears
 * {@code floor(n p_i / P)} or {@code ceil(n p_i / P)} times, then the drawn list is shuffled.
 */
@Component(service = Sampler.class, property = {"ebp.kind=sampler", "ebp.name=" + EmphasizingSampler.NAME})
public final class EmphasizingSampler implements Sampler {

    static final String NAME = "emphasize";
    /** State array: last observed error of each example. */
    static final String ERRORS = "errors";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real("cap", 4.0, 1.0, 1e6,
                    "no example gets more than cap times the average presentation rate (1 = no emphasis)"),
            ParameterSpec.real("floor", 0.1, 0.0, 1e6,
                    "added to every example's weight, as a fraction of the mean capped error, so learned examples return"));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "emphasizing scheme: examples with larger last error are presented more often, capped against "
                + "outliers (sec. 1.4.2)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean observesErrors() {
        return true;
    }

    @Override
    public State init(Context context, Settings settings) {
        ExampleOrders.check(context, NAME);
        State state = new State();
        state.putArray(ERRORS, unseenErrors(context.size()));
        return state;
    }

    /** Errors of examples not seen yet: all 1, so the first epoch draws uniformly. */
    private static double[] unseenErrors(int size) {
        double[] errors = new double[size];
        Arrays.fill(errors, 1.0);
        return errors;
    }

    @Override
    public EpochPlan plan(Context context, State state, Settings settings) {
        ExampleOrders.check(context, NAME);
        int n = context.size();
        double[] errors = state.array(ERRORS);
        if (errors == null || errors.length != n) {
            // A state from another sampler or another training set knows nothing of these examples.
            errors = unseenErrors(n);
            state.putArray(ERRORS, errors);
        }
        if (n == 0) {
            return new EpochPlan(new int[0], context.batchSize());
        }
        double[] weights = presentationWeights(errors, settings.getDouble("cap"), settings.getDouble("floor"));
        int[] order = systematicDraw(weights, n, context.random());
        ExampleOrders.shuffle(order, 0, n, context.random());
        return new EpochPlan(order, context.batchSize());
    }

    /**
     * {@code p_i = min(e_i, c) + floor * m} with {@code c = cap * m} and {@code m} the mean of
     * {@code min(e_j, c)}; all ones when every error is 0 (nothing to emphasize).
     *
     * <p>When fewer than {@code n / cap} examples have a positive error and the rest exactly 0,
     * the only fixed point is {@code c = 0}. The weights are then the limit of the errors-near-0
     * case, which is scale-free: with {@code k} positive errors, each of them weighs
     * {@code cap (n - k) / (n - cap k)} against 1 for a zero error, so each still gets exactly
     * {@code cap} times the average presentation rate.
     */
    static double[] presentationWeights(double[] errors, double cap, double floor) {
        int n = errors.length;
        double level = capLevel(errors, cap);
        double[] weights = new double[n];
        if (level > 0) {
            for (int i = 0; i < n; i++) {
                weights[i] = Math.min(errors[i], level);
            }
        } else {
            int positive = 0;
            for (double e : errors) {
                positive += e > 0 ? 1 : 0;
            }
            if (positive == 0) {
                Arrays.fill(weights, 1.0);
                return weights;
            }
            double room = n - cap * positive;
            // room <= 0 happens only at the boundary n = cap k (up to rounding), where the limit
            // puts all the weight on the positive errors.
            double high = room > 0 ? cap * (n - positive) / room : 1.0;
            double low = room > 0 ? 1.0 : 0.0;
            for (int i = 0; i < n; i++) {
                weights[i] = errors[i] > 0 ? high : low;
            }
        }
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double lift = floor * sum / n;
        for (int i = 0; i < n; i++) {
            weights[i] += lift;
        }
        return weights;
    }

    /**
     * The largest {@code c >= 0} with {@code c = cap * mean_j min(e_j, c)}. The right side minus
     * {@code c} is concave and piecewise linear in {@code c}; between two sorted errors, with the
     * {@code j} largest clipped, it is linear, so {@code c = cap * S / (n - cap * j)} with
     * {@code S} the sum of the {@code n - j} smallest errors, valid when it lies in that interval.
     */
    static double capLevel(double[] errors, double cap) {
        int n = errors.length;
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        // smallestSums[m] = sum of the m smallest errors, summed upwards (no subtraction, so a run
        // of zero errors sums to exactly 0 and small errors are not lost against large ones).
        double[] smallestSums = new double[n + 1];
        for (int m = 0; m < n; m++) {
            smallestSums[m + 1] = smallestSums[m] + sorted[m];
        }
        for (int clipped = 0; clipped < n; clipped++) {
            double denominator = n - cap * clipped;
            if (!(denominator > 0)) {
                break;
            }
            double level = cap * smallestSums[n - clipped] / denominator;
            boolean aboveUnclipped = level >= sorted[n - clipped - 1];
            boolean belowClipped = clipped == 0 || level <= sorted[n - clipped];
            if (aboveUnclipped && belowClipped) {
                return level;
            }
        }
        // Only c = 0 solves it: fewer than n / cap errors are positive and the rest are 0.
        return 0;
    }

    /**
     * Systematic resampling: {@code count} equally spaced points, one random offset, on the
     * cumulative weights; example {@code i} is drawn {@code floor} or {@code ceil} of
     * {@code count * w_i / sum(w)} times. Returns the drawn indices in increasing order.
     */
    static int[] systematicDraw(double[] weights, int count, SplittableRandom random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double spacing = total / count;
        double offset = random.nextDouble() * spacing;
        int[] drawn = new int[count];
        int i = 0;
        double cumulative = weights[0];
        for (int k = 0; k < count; k++) {
            double point = offset + k * spacing;
            while (cumulative <= point && i < weights.length - 1) {
                i++;
                cumulative += weights[i];
            }
            drawn[k] = i;
        }
        return drawn;
    }

    @Override
    public void observe(int[] examples, double[] errors, int count, State state, Settings settings) {
        double[] known = state.array(ERRORS);
        if (known == null) {
            throw new IllegalStateException("sampler 'emphasize' has no '" + ERRORS + "' in its state; "
                    + "initialise it (init) before observing errors");
        }
        if (count < 0 || count > examples.length || count > errors.length) {
            throw new IllegalArgumentException("sampler 'emphasize': count " + count + " does not fit "
                    + examples.length + " examples and " + errors.length + " errors");
        }
        for (int i = 0; i < count; i++) {
            int example = examples[i];
            if (example < 0 || example >= known.length) {
                throw new IllegalArgumentException("sampler 'emphasize': example index " + example
                        + " outside the training set 0.." + (known.length - 1));
            }
            double error = errors[i];
            if (!(error >= 0) || Double.isInfinite(error)) {
                throw new IllegalArgumentException("sampler 'emphasize': error " + error + " of example " + example
                        + " is not a finite non-negative loss; training has probably diverged (lower the learning rate)");
            }
        }
        // Checked first, written after: a bad batch changes nothing.
        for (int i = 0; i < count; i++) {
            known[examples[i]] = errors[i];
        }
    }
}

package org.ebp.api.optim;

import org.ebp.api.component.Settings;
import org.ebp.api.model.ParameterLayout;

/**
 * Everything a step may need besides the weights, the objective and the state.
 *
 * @param settings     the optimizer's validated settings
 * @param learningRate the rate for this step: the optimizer's {@code lr} setting passed through
 *                     the session's schedule
 * @param step         steps taken so far in this run (0 for the first)
 * @param epoch        current epoch, from 1
 * @param layout       the parameter layout
 */
public record StepContext(Settings settings, double learningRate, long step, int epoch, ParameterLayout layout) {
}

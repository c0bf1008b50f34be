package org.ebp.api.session;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of a session, for {@code status}.
 *
 * @param state      idle, training, paused or stopped
 * @param dataset    name, size and width of the loaded data, or null
 * @param splits     split name to number of examples
 * @param transforms fitted transforms in order of application
 * @param network    layer spec with its components (e.g. "64-30-10 scaled-tanh/scaled-tanh mse"), or null
 * @param parameters number of parameters
 * @param components kind to "name settings" of the components in use (optimizer, schedule, sampler, compute)
 * @param epoch      epochs trained
 * @param step       optimizer steps taken
 * @param lastReport the latest epoch report, or null
 * @param seeds      the run's seed streams (init, shuffle, ...) for reproducing it
 */
public record SessionStatus(String state, String dataset, Map<String, Integer> splits, List<String> transforms,
                            String network, int parameters, Map<String, String> components, int epoch, long step,
                            EpochReport lastReport, Map<String, Long> seeds) {
}

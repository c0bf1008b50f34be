package org.ebp.api.data;

import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.ebp.api.compute.ComputeService;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An input transform (section 1.4.3): fitted on the training set only, then applied to every
 * set. Registered with {@code ebp.kind=transform}.
 */
@ConsumerType
public interface DataTransform extends Component {

    /** Learns the transform's values from {@code train}. */
    FittedTransform fit(Dataset train, Settings settings, ComputeService compute);

    /**
     * Applies a transform this component fitted to {@code data}, returning a new dataset.
     *
     * @throws IllegalArgumentException if {@code data} has another width than the fitted one
     */
    Dataset apply(FittedTransform fitted, Dataset data);

    /**
     * As {@link #apply(FittedTransform, Dataset)}, with a compute service for the matrix products
     * (a rotation such as pca multiplies every row by a matrix, which BLAS does much faster).
     * The default ignores {@code compute}; transforms that multiply matrices override it.
     *
     * @param compute the service to use, or null for the transform's own choice
     * @since 1.1
     */
    default Dataset apply(FittedTransform fitted, Dataset data, ComputeService compute) {
        return apply(fitted, data);
    }
}

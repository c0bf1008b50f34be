package org.ebp.api.data;

import org.ebp.api.component.Component;
import org.ebp.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Loads a dataset: a bundled set by name ({@code digits}), or a reader for a file format
 * ({@code csv}, {@code idx}) whose settings name the files. Registered with
 * {@code ebp.kind=dataset}.
 */
@ConsumerType
public interface DatasetSource extends Component {

    /**
     * Loads the whole set, or fails without side effects.
     *
     * @throws DataFormatException naming the file, the record and the problem
     */
    Dataset load(Settings settings) throws DataFormatException;

    /**
     * Loads the whole set with its official splits, e.g. Fashion-MNIST's 60,000 training and
     * 10,000 test images, so that results compare with published ones. The default has none:
     * it returns {@link #load} with no splits.
     *
     * @throws DataFormatException naming the file, the record and the problem
     * @since 1.1
     */
    default SplitDataset loadWithSplits(Settings settings) throws DataFormatException {
        return new SplitDataset(load(settings), new java.util.LinkedHashMap<>());
    }
}

package org.ebp.api.data;

import java.util.LinkedHashMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Splits a dataset into named parts (train, validation, test, ...), stratified by class when
 * asked, reproducibly from a seed. Parts are views sharing the dataset's storage.
 */
@ProviderType
public interface Splitter {

    /**
     * @param fractions part name to fraction of the rows; fractions are positive and sum to 1
     *                  (within 1e-9); every row lands in exactly one part
     * @param stratify  keep class proportions in every part (classification sets only)
     * @param seed      seed of the shuffle
     * @throws IllegalArgumentException for bad fractions, or a part that would be empty
     */
    LinkedHashMap<String, Dataset> split(Dataset data, LinkedHashMap<String, Double> fractions, boolean stratify, long seed);
}

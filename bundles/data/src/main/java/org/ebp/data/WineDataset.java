package org.ebp.data;

import java.util.List;
import org.ebp.api.data.DatasetSource;
import org.osgi.service.component.annotations.Component;

/**
 * UCI wine recognition: chemical analysis of 178 wines from three cultivars. The features span
 * very different scales (hue about 1, proline about 1000), which makes it a good demonstration
 * of input standardisation (section 1.4.3).
 */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=wine"})
public final class WineDataset extends BundledDatasetSource {

    public WineDataset() {
        super("wine", "wine_data.csv", "UCI wine recognition: 178 examples, 13 features, 3 classes (bundled)",
                List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
                        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                        "od280/od315_of_diluted_wines", "proline"),
                null);
    }
}

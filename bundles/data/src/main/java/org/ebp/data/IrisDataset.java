package org.ebp.data;

import java.util.List;
import org.ebp.api.data.DatasetSource;
import org.osgi.service.component.annotations.Component;

/** Fisher's iris: 150 flowers, 4 measurements in cm, 3 species of 50 each. */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=iris"})
public final class IrisDataset extends BundledDatasetSource {

    public IrisDataset() {
        super("iris", "iris.csv", "Fisher's iris: 150 examples, 4 features, 3 classes (bundled)",
                List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"), null);
    }
}

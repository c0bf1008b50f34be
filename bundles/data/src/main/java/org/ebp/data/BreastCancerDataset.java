package org.ebp.data;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.data.DatasetSource;
import org.osgi.service.component.annotations.Component;

/**
 * UCI breast cancer Wisconsin (diagnostic): 569 cell-nucleus images, 30 features (mean, standard
 * error and worst value of 10 measurements), classes malignant and benign.
 */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=breast-cancer"})
public final class BreastCancerDataset extends BundledDatasetSource {

    private static final List<String> MEASUREMENTS = List.of("radius", "texture", "perimeter", "area", "smoothness",
            "compactness", "concavity", "concave points", "symmetry", "fractal dimension");

    public BreastCancerDataset() {
        super("breast-cancer", "breast_cancer.csv",
                "UCI breast cancer Wisconsin (diagnostic): 569 examples, 30 features, 2 classes (bundled)",
                featureNames(), null);
    }

    private static List<String> featureNames() {
        List<String> names = new ArrayList<>(30);
        MEASUREMENTS.forEach(m -> names.add("mean " + m));
        MEASUREMENTS.forEach(m -> names.add(m + " error"));
        MEASUREMENTS.forEach(m -> names.add("worst " + m));
        return names;
    }
}

package org.ebp.data;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.data.DatasetSource;
import org.osgi.service.component.annotations.Component;

/**
 * Handwritten digits (UCI Optical Recognition of Handwritten Digits, test part, as in
 * scikit-learn's {@code load_digits}): 1797 images of 8x8 pixels with grey levels 0..16, row by
 * row, classes "0".."9".
 */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=digits"})
public final class DigitsDataset extends BundledDatasetSource {

    public DigitsDataset() {
        super("digits", "digits.csv.gz",
                "handwritten digits, 8x8 pixels of 0..16: 1797 examples, 64 features, 10 classes (bundled)",
                pixelNames(), digitNames());
    }

    private static List<String> pixelNames() {
        List<String> names = new ArrayList<>(64);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                names.add("pixel_" + r + "_" + c);
            }
        }
        return names;
    }

    private static List<String> digitNames() {
        List<String> names = new ArrayList<>(10);
        for (int d = 0; d < 10; d++) {
            names.add(Integer.toString(d));
        }
        return names;
    }
}

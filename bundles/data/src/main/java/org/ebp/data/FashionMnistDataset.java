package org.ebp.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.osgi.service.component.annotations.Component;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28x28 grey images of clothing, 60,000 for training
 * and 10,000 for testing, 10 classes. Read from the IDX files of Debian's package
 * {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist}) or any folder holding
 * the four {@code *-ubyte.gz} files.
 */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=fashion-mnist"})
public final class FashionMnistDataset implements DatasetSource {

    static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";

    static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice("part", "train", List.of("train", "test"), "train: 60,000 images; test: 10,000 images"),
            ParameterSpec.text("dir", DEFAULT_DIR, "folder with {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz"));

    @Override
    public String name() {
        return "fashion-mnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST: 28x28 clothing images, 784 features of 0..255, 10 classes; train 60,000 or test 10,000";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Dataset load(Settings settings) throws DataFormatException {
        Path dir = DataFiles.settingPath(name(), "dir", settings.getString("dir"));
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException("Fashion-MNIST is not installed: run apt-get install dataset-fashion-mnist (as root) or give dir=..."
                    + " (no folder " + dir + ")");
        }
        String part = settings.getString("part");
        String prefix = part.equals("test") ? "t10k" : "train";
        return IdxDatasetSource.load("fashion-mnist-" + part,
                dir.resolve(prefix + "-images-idx3-ubyte.gz"), dir.resolve(prefix + "-labels-idx1-ubyte.gz"), CLASS_NAMES);
    }
}

package org.ebp.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.ebp.api.data.SplitDataset;
import org.osgi.service.component.annotations.Component;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28x28 grey images of clothing, 60,000 for training
 * and 10,000 for testing, 10 classes. Read from the IDX files of Debian's package
 * {@code dataset-fashion-mnist} ({@code /usr/share/datasets/fashion-mnist}) or any folder holding
 * the four {@code *-ubyte.gz} files.
 *
 * <p>{@code part=all} (the default) loads both files into one float array (70,000 x 784, 220 MB:
 * the training part is exactly one float32 copy, 188 MB) and exposes the official split as the
 * predefined splits {@code train} (rows 0..59,999) and {@code test} (rows 60,000..69,999), views
 * of that array. The array is sized from the two headers first, so no intermediate copy exists.
 */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=fashion-mnist"})
public final class FashionMnistDataset implements DatasetSource {

    static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    static final String INSTALL_HINT = "run apt-get install dataset-fashion-mnist (as root) or give dir=...";

    static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice("part", "all", List.of("all", "train", "test"),
                    "all: 70,000 images with the official splits train (60,000) and test (10,000); train or test: that file only"),
            ParameterSpec.text("dir", DEFAULT_DIR, "folder with {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz"));

    @Override
    public String name() {
        return "fashion-mnist";
    }

    @Override
    public String description() {
        return "Fashion-MNIST: 28x28 clothing images, 784 features of 0..255, 10 classes; official splits train 60,000 and test 10,000";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Dataset load(Settings settings) throws DataFormatException {
        return loadWithSplits(settings).data();
    }

    @Override
    public SplitDataset loadWithSplits(Settings settings) throws DataFormatException {
        Path dir = DataFiles.settingPath(name(), "dir", settings.getString("dir"));
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException("Fashion-MNIST is not installed: " + INSTALL_HINT + " (no folder " + dir + ")");
        }
        String part = settings.getString("part");
        if (!part.equals("all")) {
            String prefix = part.equals("test") ? "t10k" : "train";
            return new SplitDataset(IdxDatasetSource.load("fashion-mnist-" + part, images(dir, prefix), labels(dir, prefix),
                    CLASS_NAMES), new LinkedHashMap<>());
        }
        Path trainImages = images(dir, "train");
        Path testImages = images(dir, "t10k");
        IdxReader.ImagesHeader train = IdxReader.readImagesHeader(trainImages);
        IdxReader.ImagesHeader test = IdxReader.readImagesHeader(testImages);
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new DataFormatException(testImages + " holds " + test.rows() + " x " + test.cols() + " images but "
                    + trainImages + " holds " + train.rows() + " x " + train.cols() + "; both parts must have the same size");
        }
        int[] trainLabels = pairedLabels(labels(dir, "train"), trainImages, train);
        int[] testLabels = pairedLabels(labels(dir, "t10k"), testImages, test);
        int n = train.count() + test.count();
        IdxReader.requireMemory(dir, train.pixels() + test.pixels());
        float[] pixels = new float[Math.toIntExact(train.pixels() + test.pixels())];
        IdxReader.readImagesInto(trainImages, train, pixels, 0);
        IdxReader.readImagesInto(testImages, test, pixels, (int) train.pixels());
        int[] labels = new int[n];
        System.arraycopy(trainLabels, 0, labels, 0, trainLabels.length);
        System.arraycopy(testLabels, 0, labels, trainLabels.length, testLabels.length);
        IdxDatasetSource.classNames(CLASS_NAMES, trainLabels, labels(dir, "train"));
        IdxDatasetSource.classNames(CLASS_NAMES, testLabels, labels(dir, "t10k"));
        Dataset all = Dataset.classification("fashion-mnist", pixels, n, train.rows() * train.cols(), labels, CLASS_NAMES,
                IdxDatasetSource.pixelNames(train.rows(), train.cols()));
        LinkedHashMap<String, int[]> splits = new LinkedHashMap<>();
        splits.put("train", range(0, train.count()));
        splits.put("test", range(train.count(), n));
        return new SplitDataset(all, splits);
    }

    private static int[] pairedLabels(Path labelsFile, Path imagesFile, IdxReader.ImagesHeader images) throws DataFormatException {
        int[] labels = IdxReader.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new DataFormatException("images file " + imagesFile + " holds " + images.count() + " images, but labels file "
                    + labelsFile + " holds " + labels.length + " labels; they must come in matching pairs");
        }
        return labels;
    }

    private static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }

    private static Path images(Path dir, String prefix) {
        return dir.resolve(prefix + "-images-idx3-ubyte.gz");
    }

    private static Path labels(Path dir, String prefix) {
        return dir.resolve(prefix + "-labels-idx1-ubyte.gz");
    }
}

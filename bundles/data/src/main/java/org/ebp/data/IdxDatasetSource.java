package org.ebp.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ebp.api.component.ParameterSpec;
import org.ebp.api.component.Settings;
import org.ebp.api.data.DataFormatException;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.DatasetSource;
import org.osgi.service.component.annotations.Component;

/**
 * Reads an image classification set from a pair of IDX files (MNIST layout, plain or gzipped):
 * settings {@code images} and {@code labels}. Pixels become float features 0..255, row by row;
 * label values become classes "0" .. max label. Without {@code labels} the images are an
 * unlabeled set (new data for {@code predict}; it cannot be trained on).
 */
@Component(service = DatasetSource.class, property = {"ebp.kind=dataset", "ebp.name=idx"})
public final class IdxDatasetSource implements DatasetSource {

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.text("images", null, "IDX images file (magic 0x00000803), plain or .gz"),
            ParameterSpec.text("labels", "", "IDX labels file (magic 0x00000801), plain or .gz; none: unlabeled images "
                    + "(for predict)"));

    @Override
    public String name() {
        return "idx";
    }

    @Override
    public String description() {
        return "image classification set from IDX files (MNIST format): pixels 0..255 as features";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Dataset load(Settings settings) throws DataFormatException {
        Path images = DataFiles.settingPath(name(), "images", settings.getString("images"));
        String name = DataFiles.baseName(images, "-images-idx3-ubyte", "-images.idx3-ubyte", ".idx3-ubyte", ".idx");
        String labelsText = settings.getString("labels");
        if (labelsText.isBlank()) {
            IdxReader.Images read = IdxReader.readImages(images);
            return Dataset.unlabeled(name, read.pixels(), read.count(), read.rows() * read.cols(),
                    pixelNames(read.rows(), read.cols()));
        }
        Path labels = DataFiles.settingPath(name(), "labels", labelsText);
        return load(name, images, labels, null);
    }

    /**
     * Reads and pairs the two files.
     *
     * @param classNames names of the classes, or null for "0" .. max label
     */
    static Dataset load(String name, Path imagesFile, Path labelsFile, List<String> classNames) throws DataFormatException {
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        int[] labels = IdxReader.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new DataFormatException("images file " + imagesFile + " holds " + images.count() + " images, but labels file "
                    + labelsFile + " holds " + labels.length + " labels; they must come in matching pairs");
        }
        classNames = classNames(classNames, labels, labelsFile);
        return Dataset.classification(name, images.pixels(), images.count(), images.rows() * images.cols(), labels,
                classNames, pixelNames(images.rows(), images.cols()));
    }

    /**
     * The given class names, checked against the largest label, or "0" .. max label when none are given.
     */
    static List<String> classNames(List<String> given, int[] labels, Path labelsFile) throws DataFormatException {
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        if (given == null) {
            List<String> names = new ArrayList<>(max + 1);
            for (int k = 0; k <= max; k++) {
                names.add(Integer.toString(k));
            }
            return names;
        }
        if (max >= given.size()) {
            throw new DataFormatException(labelsFile + " holds label " + max + ", but this set has only " + given.size()
                    + " classes (0.." + (given.size() - 1) + "); is it the right file?");
        }
        return given;
    }

    static List<String> pixelNames(int rows, int cols) {
        List<String> names = new ArrayList<>(rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                names.add("pixel_" + r + "_" + c);
            }
        }
        return names;
    }
}

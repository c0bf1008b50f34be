import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.ebp.api.data.DataTransform;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.FittedTransform;
import org.ebp.api.data.SplitDataset;
import org.ebp.data.FashionMnistDataset;
import org.ebp.transforms.ScaleTransform;
import org.ebp.transforms.StandardizeTransform;

/**
 * Fashion-MNIST load time and memory, as the workbench loads it (data load fashion-mnist): both
 * files into one float array with the official train/test splits as views. Then two transforms
 * applied one after the other, as the session does, to show that the previous transformed copy
 * is dropped. Prints resident memory (VmRSS from /proc/self/status) and the heap in use after a
 * full GC at each stage. A benchmark, not a test: run it with benchmarks/fashion-load/run.
 */
public final class FashionLoad {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        report("start");
        FashionMnistDataset source = new FashionMnistDataset();
        SplitDataset loaded = null;
        for (int r = 1; r <= rounds; r++) {
            loaded = null;
            System.gc();
            long start = System.nanoTime();
            loaded = source.loadWithSplits(source.defaults());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: loaded %s (train %d, test %d) in %.2f s%n", r, loaded.data(),
                    loaded.splits().get("train").length, loaded.splits().get("test").length, seconds);
        }
        Dataset all = loaded.data();
        long floatBytes = 4L * all.size() * all.features();
        System.out.printf(Locale.ROOT, "features as float32: %.1f MB for all 70,000 rows (%.1f MB the 60,000 training rows)%n",
                floatBytes / 1e6, 4L * 60000 * 784 / 1e6);
        report("after load");

        Dataset train = loaded.split("train");
        Dataset test = loaded.split("test");
        DataTransform standardize = new StandardizeTransform();
        long start = System.nanoTime();
        FittedTransform s = standardize.fit(train, standardize.defaults(), null);
        Dataset trainS = standardize.apply(s, train);
        Dataset testS = standardize.apply(s, test);
        System.out.printf(Locale.ROOT, "standardize: fitted on train and applied to train and test in %.2f s%n",
                (System.nanoTime() - start) / 1e9);
        report("loaded set + standardized splits");

        DataTransform scale = new ScaleTransform();
        FittedTransform c = scale.fit(trainS, scale.settings(Map.of("target", "2")), null);
        Dataset trainC = scale.apply(c, trainS);
        Dataset testC = scale.apply(c, testS);
        trainS = null;
        testS = null;
        report("loaded set + scaled splits (standardized copies dropped)");
        // the loaded set stays alive (the session keeps it for re-splitting), as do the latest copies
        System.out.println("kept: " + all + ", " + trainC + ", " + testC);
    }

    private static void report(String stage) throws Exception {
        System.gc();
        Thread.sleep(200);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "%-58s heap in use after GC %7.1f MB, %s (max heap %s MB)%n", stage + ":", heap / 1e6, rss,
                rt.maxMemory() / 1_000_000);
    }
}

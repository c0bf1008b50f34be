import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebp.activations.OneHotCoding;
import org.ebp.activations.ScaledTanh;
import org.ebp.activations.Softmax;
import org.ebp.activations.Tanh;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.data.Dataset;
import org.ebp.api.data.Splitter;
import org.ebp.api.session.EpochReport;
import org.ebp.api.compute.ComputeService;
import org.ebp.data.FashionMnistDataset;
import org.ebp.engine.loss.CrossEntropyLoss;
import org.ebp.engine.session.Session;
import org.ebp.engine.testing.TestCatalog;
import org.ebp.initializers.FanInInitializer;
import org.ebp.optim.first.ConstantSchedule;
import org.ebp.optim.first.SgdOptimizer;
import org.ebp.samplers.ShuffleSampler;
import org.ebp.transforms.StandardizeTransform;

/**
 * The workbench's side of benchmarks/throughput/run: the engine's session with the real
 * components, no OSGi around it, on the compute provider {@code -Dprovider=openblas|jblas}
 * (default openblas, which the distribution ranks first; the two cannot share one process);
 * {@code openblas/1} trains on one thread (the provider's pool still runs the products);
 * {@code openblas/copy} runs openblas's products on copied blocks ({@code -Debp.compute.openblas.pinned=false}).
 *
 * <pre>
 * java Throughput.java throughput PRECISION BATCH EXAMPLES   -> examples/s of the second epoch
 * java Throughput.java serve EXAMPLES    -> loads once, prints "ready", then per line "PRECISION BATCH"
 *                                           on stdin prints the examples/s of the second epoch
 * java Throughput.java to88 PRECISION                         -> seconds to 88% test accuracy
 * </pre>
 * Fashion-MNIST (part=all: the official 60000 training and 10000 test images, in that order): the
 * throughput trains on the first EXAMPLES training images, the recipe on all 60000 and tests on the
 * official 10000; inputs standardized on the training part.
 */
public class Throughput {

    /** Training = the first {@code n} rows (of the official training part), test = rows 60000 on. */
    record FirstRows(int n) implements Splitter {
        @Override
        public LinkedHashMap<String, Dataset> split(Dataset data, LinkedHashMap<String, Double> fractions, boolean stratify,
                long seed) {
            int[] train = new int[n];
            for (int i = 0; i < n; i++) {
                train[i] = i;
            }
            int[] test = new int[data.size() - 60000];
            for (int i = 0; i < test.length; i++) {
                test[i] = 60000 + i;
            }
            LinkedHashMap<String, Dataset> parts = new LinkedHashMap<>();
            parts.put("train", data.subset("train", train));
            parts.put("test", data.subset("test", test));
            return parts;
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String precision = mode.equals("serve") ? null : args[1];
        TestCatalog c = new TestCatalog();
        String name = System.getProperty("provider", "openblas");
        if (name.endsWith("/copy")) {
            // e.g. openblas/copy: the same provider with its products on copied blocks, not pinned arrays
            System.setProperty("ebp.compute.openblas.pinned", "false");
            name = name.substring(0, name.length() - 5);
        }
        if (name.endsWith("/1")) {
            // e.g. openblas/1: the same provider, the training step on one thread (no TwoHalves, OnlineHalves)
            System.setProperty("ebp.training.twoHalves", "false");
            name = name.substring(0, name.length() - 2);
        }
        ComputeService compute = provider(name);
        System.err.println("# compute " + compute.name() + ": " + compute.library());
        c.add(ComponentKind.COMPUTE, compute);
        c.add(ComponentKind.DATASET, new FashionMnistDataset());
        c.add(ComponentKind.TRANSFORM, new StandardizeTransform());
        c.add(ComponentKind.ACTIVATION, new Tanh());
        c.add(ComponentKind.ACTIVATION, new ScaledTanh());
        c.add(ComponentKind.ACTIVATION, new Softmax());
        c.add(ComponentKind.LOSS, new CrossEntropyLoss());
        c.add(ComponentKind.TARGET_CODING, new OneHotCoding());
        c.add(ComponentKind.INITIALIZER, new FanInInitializer());
        c.add(ComponentKind.OPTIMIZER, new SgdOptimizer());
        c.add(ComponentKind.SCHEDULE, new ConstantSchedule());
        c.add(ComponentKind.SAMPLER, new ShuffleSampler());
        int examples = mode.equals("to88") ? 60000 : Integer.parseInt(mode.equals("serve") ? args[1] : args[3]);
        Session s = new Session(c.index(), new FirstRows(examples));
        try {
            s.loadData("fashion-mnist", Map.of("part", "all"));
            if (!mode.equals("to88")) {
                s.split(Map.of("train", "0.8", "test", "0.2", "from", "all")); // fractions ignored: see FirstRows
            }
            s.fitTransform("standardize", Map.of());
            if (mode.equals("throughput")) {
                System.out.printf("%.1f%n", throughput(s, precision, args[2], examples));
            } else if (mode.equals("serve")) {
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
                System.out.println("ready");
                System.out.flush();
                for (String line = in.readLine(); line != null && !line.isBlank(); line = in.readLine()) {
                    String[] words = line.trim().split(" ");
                    System.out.printf("%.1f%n", throughput(s, words[0], words[1], examples));
                    System.out.flush();
                }
            } else {
                // the paper's recipe: scaled tanh, softmax with cross-entropy, fan-in init, shuffled batches of 32, lr 0.03
                s.createNetwork("784-300-10", Map.of("activation", "scaled-tanh", "output", "softmax", "loss", "cross-entropy",
                        "init", "fan-in", "seed", "1", "precision", precision));
                s.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.03"));
                long start = System.nanoTime();
                double accuracy = 0;
                int epoch = 0;
                while (accuracy < 0.88 && epoch < 30) {
                    List<EpochReport> r = s.train(1, Map.of("batch", "32", "eval", "test", "seed", "1"), null);
                    accuracy = r.get(0).evalAccuracy();
                    epoch++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%.2f %d %.4f%n", seconds, epoch, accuracy);
            }
        } finally {
            s.close();
        }
    }

    /** The provider by name, loaded by reflection so that only its classes (and natives) load. */
    static ComputeService provider(String name) throws Exception {
        String cls = switch (name) {
            case "openblas" -> "org.ebp.compute.openblas.OpenBlasComputeService";
            case "jblas" -> "org.ebp.compute.jblas.JblasComputeService";
            default -> throw new IllegalArgumentException("unknown provider " + name + "; use openblas or jblas");
        };
        return (ComputeService) Class.forName(cls).getMethod("create", String.class).invoke(null, "auto");
    }

    /** A fresh 784-300-10 tanh/softmax network, SGD lr 0.01: examples/s of its second epoch. */
    static double throughput(Session s, String precision, String batch, int examples) {
        s.createNetwork("784-300-10", Map.of("activation", "tanh", "output", "softmax", "loss", "cross-entropy",
                "init", "fan-in", "seed", "1", "precision", precision));
        s.use(ComponentKind.OPTIMIZER, "sgd", Map.of("lr", "0.01"));
        List<EpochReport> r = s.train(2, Map.of("batch", batch, "eval", "none", "seed", "1"), null);
        return examples / r.get(1).seconds();
    }
}

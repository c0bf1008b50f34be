package org.ebp.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ebp.api.component.InvalidSettingException;
import org.ebp.api.component.Settings;
import org.ebp.api.model.Initializer;
import org.ebp.api.model.ParameterLayout;
import org.ebp.api.model.ParameterLayout.Role;
import org.ebp.api.model.ParameterLayout.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statistics, bounds, bias handling, determinism and range discipline of every initializer
 * (section 1.4.6). Statistical checks allow 5 standard errors: with fixed seeds the tests are
 * deterministic, and a correct implementation would fail one only with probability about 6e-7
 * per check over the choice of seed.
 */
class InitializerTest {

    /**
     * A 250-input, 400-unit hidden layer (fan-in 251 with the bias: 100,000 weights for tight
     * statistics) and a 10-unit output layer.
     */
    private static final ParameterLayout LAYOUT = ParameterLayout.builder()
            .add("layer1.weights", 1, Role.WEIGHTS, 400, 250, 251)
            .add("layer1.biases", 1, Role.BIASES, 400, 1, 251)
            .add("layer2.weights", 2, Role.WEIGHTS, 10, 400, 401)
            .add("layer2.biases", 2, Role.BIASES, 10, 1, 401)
            .build();
    private static final Segment HIDDEN = LAYOUT.segment("layer1.weights");
    private static final Segment HIDDEN_BIASES = LAYOUT.segment("layer1.biases");

    static Stream<Initializer> initializers() {
        return Stream.of(new FanInInitializer(), new GlorotInitializer(), new HeInitializer(), new UniformInitializer());
    }

    private static double[] fill(Initializer init, Segment segment, long seed, Map<String, String> settings) {
        double[] w = new double[LAYOUT.size()];
        Arrays.fill(w, Double.NaN);
        init.initialize(LAYOUT, segment, w, new SplittableRandom(seed), init.settings(settings));
        return w;
    }

    private static void assertStatistics(double[] w, Segment s, double sigma, boolean normal) {
        Samples samples = Samples.of(w, s.offset(), s.end());
        assertEquals(0.0, samples.mean(), 5 * Samples.meanError(sigma, samples.n()), "mean");
        assertEquals(sigma, samples.std(), 5 * Samples.stdError(sigma, samples.n(), normal), "standard deviation");
    }

    /** Eq 15: sigma_w = m^(-1/2) with m = 251. */
    @Test
    void fanInNormalHasStandardDeviationOneOverRootFanIn() {
        double[] w = fill(new FanInInitializer(), HIDDEN, 1, Map.of());
        assertStatistics(w, HIDDEN, 1 / Math.sqrt(251), true);
    }

    /** Eq 16: U[-sqrt(3/m), sqrt(3/m)] has the same sigma = m^(-1/2). */
    @Test
    void fanInUniformStaysInsideRootThreeOverFanInWithTheSameStandardDeviation() {
        double[] w = fill(new FanInInitializer(), HIDDEN, 2, Map.of("distribution", "uniform"));
        double bound = Math.sqrt(3.0 / 251);
        double largest = 0;
        for (int i = HIDDEN.offset(); i < HIDDEN.end(); i++) {
            assertTrue(Math.abs(w[i]) <= bound, "w[" + i + "]=" + w[i]);
            largest = Math.max(largest, Math.abs(w[i]));
        }
        // 100,000 uniform draws all below 0.999 of the bound has probability 0.999^100000 ~ 4e-44.
        assertTrue(largest > 0.999 * bound, "draws fill the interval");
        assertStatistics(w, HIDDEN, 1 / Math.sqrt(251), false);
    }

    @Test
    void gainMultipliesSigma() {
        double[] w = fill(new FanInInitializer(), HIDDEN, 3, Map.of("gain", "2.5"));
        assertStatistics(w, HIDDEN, 2.5 / Math.sqrt(251), true);
    }

    /** sigma^2 = 2 / (fan_in + fan_out) with fan-in = 250 columns and fan-out = 400 rows. */
    @Test
    void glorotUsesColumnsAndRows() {
        double sigma = Math.sqrt(2.0 / (250 + 400));
        assertStatistics(fill(new GlorotInitializer(), HIDDEN, 4, Map.of()), HIDDEN, sigma, true);
        double[] uniform = fill(new GlorotInitializer(), HIDDEN, 5, Map.of("distribution", "uniform"));
        assertStatistics(uniform, HIDDEN, sigma, false);
        for (int i = HIDDEN.offset(); i < HIDDEN.end(); i++) {
            assertTrue(Math.abs(uniform[i]) <= Math.sqrt(3) * sigma);
        }
    }

    @Test
    void heUsesTwiceTheFanInVariance() {
        assertStatistics(fill(new HeInitializer(), HIDDEN, 6, Map.of()), HIDDEN, Math.sqrt(2.0 / 251), true);
    }

    /** U[-r, r] has standard deviation r / sqrt 3. */
    @Test
    void uniformStaysInsideItsRange() {
        double[] w = fill(new UniformInitializer(), HIDDEN, 7, Map.of("range", "0.3"));
        for (int i = HIDDEN.offset(); i < HIDDEN.end(); i++) {
            assertTrue(w[i] >= -0.3 && w[i] < 0.3, "w[" + i + "]=" + w[i]);
        }
        assertStatistics(w, HIDDEN, 0.3 / Math.sqrt(3), false);
        double[] defaults = fill(new UniformInitializer(), HIDDEN, 7, Map.of());
        assertStatistics(defaults, HIDDEN, 0.05 / Math.sqrt(3), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializers")
    void biasesStartAtZeroByDefault(Initializer init) {
        double[] w = fill(init, HIDDEN_BIASES, 8, Map.of());
        for (int i = HIDDEN_BIASES.offset(); i < HIDDEN_BIASES.end(); i++) {
            assertEquals(0.0, w[i], 0.0);
        }
    }

    /** biases=random draws biases like the layer's weights (400 draws: 5 SE is about 18%). */
    @Test
    void randomBiasesAreDrawnLikeTheLayersWeights() {
        double[] fanIn = fill(new FanInInitializer(), HIDDEN_BIASES, 9, Map.of("biases", "random"));
        assertStatistics(fanIn, HIDDEN_BIASES, 1 / Math.sqrt(251), true);
        double[] glorot = fill(new GlorotInitializer(), HIDDEN_BIASES, 10, Map.of("biases", "random"));
        assertStatistics(glorot, HIDDEN_BIASES, Math.sqrt(2.0 / 650), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializers")
    void sameSeedGivesSameWeightsAndAnotherSeedOthers(Initializer init) {
        double[] first = fill(init, HIDDEN, 42, Map.of());
        double[] again = fill(init, HIDDEN, 42, Map.of());
        double[] other = fill(init, HIDDEN, 43, Map.of());
        assertArrayEquals(first, again, 0.0);
        assertFalse(Arrays.equals(
                Arrays.copyOfRange(first, HIDDEN.offset(), HIDDEN.end()),
                Arrays.copyOfRange(other, HIDDEN.offset(), HIDDEN.end())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializers")
    void writesOnlyTheSegmentsRange(Initializer init) {
        for (Segment s : LAYOUT.segments()) {
            double[] w = fill(init, s, 11, Map.of("biases", "random"));
            for (int i = 0; i < w.length; i++) {
                boolean inside = i >= s.offset() && i < s.end();
                assertEquals(inside, !Double.isNaN(w[i]), s.name() + " w[" + i + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializers")
    void refusesAVectorShorterThanTheLayout(Initializer init) {
        double[] tooShort = new double[LAYOUT.size() - 1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> init.initialize(LAYOUT,
                LAYOUT.segment("layer2.biases"), tooShort, new SplittableRandom(1), init.defaults()));
        assertTrue(e.getMessage().contains("layer2.biases") && e.getMessage().contains("layout.size()"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializers")
    void refusesASegmentOfAnotherLayout(Initializer init) {
        Segment foreign = ParameterLayout.builder().add("other.weights", 1, Role.WEIGHTS, 3, 3, 4).build().segments().get(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> init.initialize(LAYOUT,
                foreign, new double[LAYOUT.size()], new SplittableRandom(1), init.defaults()));
        assertTrue(e.getMessage().contains("other.weights"), e.getMessage());
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        InvalidSettingException gain = assertThrows(InvalidSettingException.class,
                () -> new FanInInitializer().settings(Map.of("gain", "0")));
        assertTrue(gain.getMessage().contains("gain"), gain.getMessage());
        assertThrows(InvalidSettingException.class, () -> new FanInInitializer().settings(Map.of("distribution", "cauchy")));
        assertThrows(InvalidSettingException.class, () -> new UniformInitializer().settings(Map.of("range", "-1")));
    }

    /** RBF centres get unit variance like normalized inputs; widths start at 1. */
    @Test
    void rbfCentresHaveUnitVarianceAndWidthsAreOne() {
        ParameterLayout rbf = ParameterLayout.builder()
                .add("layer1.centers", 1, Role.CENTERS, 200, 100, 100)
                .add("layer1.widths", 1, Role.WIDTHS, 200, 1, 1)
                .build();
        Initializer init = new FanInInitializer();
        double[] w = new double[rbf.size()];
        Settings settings = init.defaults();
        for (Segment s : rbf.segments()) {
            init.initialize(rbf, s, w, new SplittableRandom(12), settings);
        }
        assertStatistics(w, rbf.segment("layer1.centers"), 1.0, true);
        Segment widths = rbf.segment("layer1.widths");
        for (int i = widths.offset(); i < widths.end(); i++) {
            assertEquals(1.0, w[i], 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initializers")
    void describesItselfForTheShell(Initializer init) {
        assertTrue(init.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), init.name());
        assertFalse(init.description().isBlank() || init.description().contains("\n"));
        assertTrue(init.parameters().stream().anyMatch(p -> p.name().equals("biases")));
        init.parameters().forEach(p -> assertFalse(p.help().isBlank(), p.name()));
        assertEquals(init.parameters().size(), init.defaults().asText().size());
    }

    @Test
    void namesAreTheOnesTheShellExpects() {
        assertEquals(List.of("fan-in", "glorot", "he", "uniform"), initializers().map(Initializer::name).toList());
    }
}

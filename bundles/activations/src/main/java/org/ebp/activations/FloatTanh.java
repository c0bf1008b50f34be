package org.ebp.activations;

/**
 * A float32 tanh without branches or calls, so that the JIT vectorises the loops of the float32
 * training path (JDK 17 has no tanh intrinsic; {@code Math.tanh} costs a call per element).
 *
 * <p>tanh(x) = x p(x^2) / q(x^2), a [13/6] rational approximation (the minimax fit Eigen's
 * {@code ptanh_float} uses), on x clamped to +-7.905311, where tanh rounds to +-1 in float. Its
 * error against {@code Math.tanh} is at most {@value #MAX_ERROR} absolute (the test checks a dense
 * grid over [-10, 10] and random floats of every magnitude; measured 3.9e-7): about 7 float ulps
 * near 1, the size of the float32 rounding of the products that feed it.
 */
final class FloatTanh {

    /** The stated bound on |FloatTanh - Math.tanh|, checked by the test. */
    static final double MAX_ERROR = 5e-7;

    private static final float CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    private FloatTanh() {
    }

    /** {@code y[i] = amplitude * tanh(slope * z[i])} for i in [from, to); {@code y} may be {@code z}. */
    static void apply(float[] z, float[] y, int from, int to, float slope, float amplitude) {
        for (int i = from; i < to; i++) {
            y[i] = amplitude * tanh(slope * z[i]);
        }
    }

    static float tanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = A13;
        p = p * x2 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        p = p * x;
        float q = B6;
        q = q * x2 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return p / q;
    }
}

package org.ebp.initializers;

/** Mean and standard deviation of a slice, and the standard errors that justify test tolerances. */
record Samples(double mean, double std, int n) {

    static Samples of(double[] w, int from, int to) {
        int n = to - from;
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += w[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = from; i < to; i++) {
            double d = w[i] - mean;
            squares += d * d;
        }
        return new Samples(mean, Math.sqrt(squares / (n - 1)), n);
    }

    /** Standard error of the mean of n draws with standard deviation sigma. */
    static double meanError(double sigma, int n) {
        return sigma / Math.sqrt(n);
    }

    /**
     * Standard error of the sample standard deviation: sigma sqrt((kurtosis - 1) / (4n)), with
     * kurtosis 3 for the normal and 9/5 for the uniform distribution.
     */
    static double stdError(double sigma, int n, boolean normal) {
        double kurtosis = normal ? 3.0 : 1.8;
        return sigma * Math.sqrt((kurtosis - 1.0) / (4.0 * n));
    }
}

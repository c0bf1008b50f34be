package org.ebp.api.session;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Curvature of the current network's loss (sections 1.5, 1.7 and 1.8): eigenvalues of the
 * Hessian on a subset of a split, without training. A {@link TrainingSession} that offers these
 * implements this interface too. Every method validates its {@code key=value} settings and
 * throws {@link IllegalArgumentException} naming the problem and the fix; none changes the
 * session.
 */
@ProviderType
public interface HessianTools {

    /**
     * Eigenvalues of the Hessian found by one method.
     *
     * @param method      how they were found ({@code power}, {@code online}, {@code exact}, {@code lanczos})
     * @param split       the split whose loss was analysed
     * @param examples    examples of it used
     * @param parameters  dimension of the Hessian
     * @param eigenvalues the eigenvalues found, largest first
     * @param products    Hessian-vector products (or gradient pairs) used
     * @param seconds     wall time
     * @param note        one line on convergence or accuracy, may be empty
     */
    record Spectrum(String method, String split, int examples, int parameters, double[] eigenvalues, long products,
                    double seconds, String note) {
    }

    /**
     * The largest (algebraic, not largest-magnitude) eigenvalue lambda_max, first in the result; the
     * methods that also find the smallest eigenvalue (power, exact) give it second. Settings: {@code method=power|online|exact},
     * {@code split}, {@code examples}, {@code seed} and the method's own settings.
     */
    Spectrum largestEigenvalue(Map<String, String> settings);

    /**
     * The k largest eigenvalues. Settings: {@code k}, {@code method=lanczos|exact}, {@code split},
     * {@code examples}, {@code seed}.
     */
    Spectrum spectrum(Map<String, String> settings);

    /**
     * The spectrum computed last by {@link #spectrum} for the current network, or null when none
     * was computed since the network was made.
     *
     * @since 1.2
     */
    default Spectrum latestSpectrum() {
        return null;
    }

    /**
     * The settings {@link #largestEigenvalue} takes, declared once (help, completion and the
     * shell's check render them); empty when not declared.
     *
     * @since 1.4
     */
    default java.util.List<org.ebp.api.component.ParameterSpec> largestEigenvalueSettings() {
        return java.util.List.of();
    }

    /**
     * The settings {@link #spectrum} takes, declared once; empty when not declared.
     *
     * @since 1.4
     */
    default java.util.List<org.ebp.api.component.ParameterSpec> spectrumSettings() {
        return java.util.List.of();
    }
}

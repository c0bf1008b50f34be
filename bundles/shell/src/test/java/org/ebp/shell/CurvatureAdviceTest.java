package org.ebp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** hessian eig prints eta_opt = 1/lambda_max only where eq 39 applies (issue 12, item 6). */
class CurvatureAdviceTest {

    @Test
    void aPositiveCurvatureGivesTheOptimalRateAndTheDivergenceBound() {
        assertEquals("eta_opt = 1/lambda_max = 0.0250000; batch gradient descent diverges above 2/lambda_max = 0.0500000 "
                + "(eqs 38-39)", CurvatureAdvice.forLargest(40));
    }

    @Test
    void aNegativeLambdaMaxSaysThereIsNoPositiveCurvatureInsteadOfARate() {
        // the Fashion-MNIST case printed eta_opt = 1/lambda_max = 0.0210323 from lambda_max = -47.5460
        String advice = CurvatureAdvice.forLargest(-47.546);
        assertTrue(advice.startsWith("no positive curvature found (lambda_max = -47.5460 <= 0)"), advice);
        assertFalse(advice.contains("0.0210"), advice);
        assertTrue(CurvatureAdvice.forLargest(0).startsWith("no positive curvature found"));
    }

    @Test
    void aTinyCurvatureSaysTheRateIsUseless() {
        // the saturated net printed eta_opt = 3.5e6
        String advice = CurvatureAdvice.forLargest(1 / 3.5e6);
        assertTrue(advice.startsWith("the curvature is tiny (lambda_max = 2.85714e-07)"), advice);
        assertTrue(advice.contains("is no useful rate"), advice);
        assertFalse(advice.startsWith("eta_opt"), advice);
    }

    @Test
    void aNonFiniteValueIsNamed() {
        assertTrue(CurvatureAdvice.forLargest(Double.NaN).startsWith("lambda_max is NaN"));
    }
}

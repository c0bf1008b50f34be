package org.ebp.conformance;

import java.util.ArrayList;
import java.util.List;
import org.ebp.api.component.State;

/**
 * A state another optimizer leaves behind, with the weights it left: what a swap hands over.
 * {@link #builtIns} makes those of the workbench's first-order built-ins by running their rules
 * (with their default settings) on the kit's quadratic, under the well-known state names of
 * {@code org.ebp.api.optim.Optimizer}.
 *
 * @param from    the optimizer that left it, e.g. {@code rmsprop}
 * @param state   its state
 * @param weights the weights where it stopped
 */
public record HandedState(String from, State state, double[] weights) {

    /** Steps each built-in takes before handing over: enough for running means to fill. */
    static final int STEPS = 50;

    /** sgd, momentum, adagrad, rmsprop and adam, each after {@value #STEPS} steps from the origin. */
    public static List<HandedState> builtIns(Quadratic f) {
        List<HandedState> out = new ArrayList<>();
        out.add(run("sgd", f, 0.01, (g, s, w, k) -> step(w, g, 0.01)));
        out.add(run("momentum", f, 0.01, (g, s, w, k) -> {
            double[] dw = s.array("velocity", w.length);
            for (int i = 0; i < w.length; i++) {
                dw[i] = 0.01 * g[i] + 0.9 * dw[i];
                w[i] -= dw[i];
            }
        }));
        out.add(run("adagrad", f, 0.01, (g, s, w, k) -> {
            double[] sum = s.array("sum-squares", w.length);
            for (int i = 0; i < w.length; i++) {
                sum[i] += g[i] * g[i];
                w[i] -= 0.01 * g[i] / (Math.sqrt(sum[i]) + 1e-8);
            }
        }));
        out.add(run("rmsprop", f, 0.001, (g, s, w, k) -> {
            double[] v = s.array("v", w.length);
            for (int i = 0; i < w.length; i++) {
                v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
                w[i] -= 0.001 * g[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        }));
        out.add(run("adam", f, 0.001, (g, s, w, k) -> {
            double[] m = s.array("m", w.length);
            double[] v = s.array("v", w.length);
            double t = s.scalar("t", 0) + 1;
            s.putScalar("t", t);
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                w[i] -= 0.001 * (m[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t))) + 1e-8);
            }
        }));
        return out;
    }

    private interface Rule {
        void apply(double[] g, State s, double[] w, int k);
    }

    private static void step(double[] w, double[] g, double lr) {
        for (int i = 0; i < w.length; i++) {
            w[i] -= lr * g[i];
        }
    }

    private static HandedState run(String name, Quadratic f, double lr, Rule rule) {
        State s = new State();
        double[] w = f.start();
        for (int k = 0; k < STEPS; k++) {
            double[] g = s.array("gradient", w.length);
            f.valueAndGradient(w, g);
            rule.apply(g, s, w, k);
        }
        return new HandedState(name, s, w);
    }
}

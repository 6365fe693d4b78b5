package dev.apical.learning.rules;

import dev.apical.build.Model;
import dev.apical.testing.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/// `Backprop_DendriticLoss`: one training step moves each DendI weight by −η ∂L/∂W with L = mean((d^f)²) of
/// H1.E's forward dendritic state, d^f = Yd·DendI(T−1) + B·Output(T). The gradient is checked against central
/// differences of L re-implemented here in double precision, for full (Tb = T) and truncated (Tb = 2)
/// back-propagation; truncation runs steps 1..T−Tb with the unperturbed weights (eiann-spec 4(4)).
class BackpropDendriticLossTest {
    static final int T = 5;
    static final double LR_Q = 0.3, LR_R = 0.1, LR_V = 0.2;
    static final List<String> LEARNED = List.of("H1DendI_H1E", "H1DendI_H1DendI", "H1DendI_InputE");

    static String config(int tb) {
        return """
                layer_config:
                  Input: {E: {size: 3}}
                  H1: {E: {size: 4, activation: relu}, DendI: {size: 2, activation: relu, tau: 2}}
                  Output: {E: {size: 3, activation: relu}}
                projection_config:
                  H1:
                    E:
                      Input: {E: {weight_init: half_kaiming, weight_init_args: [2.5], weight_bounds: [0, null], direction: F}}
                      H1: {DendI: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [null, 0], direction: R,
                                   compartment: dend, update_phase: B}}
                      Output: {E: {weight_init: half_kaiming, weight_init_args: [1.5], weight_bounds: [0, null], direction: F,
                                   compartment: dend, update_phase: B}}
                    DendI:
                      H1:
                        E: {weight_init: uniform_, weight_init_args: [-0.2, 0.8], direction: R, learning_rule: Backprop_DendriticLoss,
                            learning_rule_kwargs: {source: H1.E, learning_rate: %s}}
                        DendI: {weight_init: uniform_, weight_init_args: [-0.5, 0.2], direction: R, learning_rule: Backprop_DendriticLoss,
                                learning_rule_kwargs: {source: H1.E, learning_rate: %s}}
                      Input:
                        E: {weight_init: uniform_, weight_init_args: [-0.1, 0.9], direction: F, learning_rule: Backprop_DendriticLoss,
                            learning_rule_kwargs: {source: H1.E, learning_rate: %s}}
                  Output: {E: {H1: {E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null], direction: F}}}}
                training_kwargs: {tau: 3, forward_steps: %d, backward_steps: %d, learning_rate: 0.5}
                """.formatted(LR_Q, LR_R, LR_V, T, tb);
    }

    /// L(params) with steps 1..T−tb run on `base` and the last tb steps on `p`.
    static double loss(Map<String, double[]> p, Map<String, double[]> base, double[] x, int tb) {
        double[] h = new double[4], d = new double[2], o = new double[3], sh = new double[4], sd = new double[2], so = new double[3];
        double[] hPrev = h, dPrev = d;
        for (int t = 1; t <= T; t++) {
            Map<String, double[]> w = t > T - tb ? p : base;
            hPrev = h.clone();
            dPrev = d.clone();
            leak(sh, 3, mv(w, "H1E_InputE", x, 4));
            h = relu(sh);
            leak(sd, 2, add(mv(w, "H1DendI_H1E", hPrev, 2), mv(w, "H1DendI_H1DendI", dPrev, 2), mv(w, "H1DendI_InputE", x, 2)));
            d = relu(sd);
            leak(so, 3, mv(w, "OutputE_H1E", h, 3));
            o = relu(so);
        }
        double[] df = add(mv(p, "H1E_H1DendI", dPrev, 4), mv(p, "H1E_OutputE", o, 4));
        double l = 0;
        for (double v : df) l += v * v;
        return l / df.length;
    }

    static double[] mv(Map<String, double[]> p, String name, double[] x, int rows) {
        double[] w = p.get(name), y = new double[rows];
        for (int i = 0; i < rows; i++) for (int j = 0; j < x.length; j++) y[i] += w[i * x.length + j] * x[j];
        return y;
    }

    static double[] add(double[]... vs) {
        double[] out = new double[vs[0].length];
        for (double[] v : vs) for (int i = 0; i < out.length; i++) out[i] += v[i];
        return out;
    }

    static void leak(double[] s, double tau, double[] in) {
        for (int i = 0; i < s.length; i++) s[i] += (in[i] - s[i]) / tau;
    }

    static double[] relu(double[] s) {
        double[] a = new double[s.length];
        for (int i = 0; i < s.length; i++) a[i] = Math.max(0, s[i]);
        return a;
    }

    @ParameterizedTest
    @ValueSource(ints = {T, 2})
    void stepIsMinusLearningRateTimesTheLossGradient(int tb) {
        Model model = TestModels.build(config(tb), 11);
        float[] x = {0.8f, 0.2f, 0.5f};
        Map<String, double[]> base = new LinkedHashMap<>();
        model.parameters().forEach((k, v) -> base.put(k, TestModels.toDouble(v)));
        model.startTraining();
        model.trainStep(x, new float[3], 0);
        double[] xd = TestModels.toDouble(x);
        double maxGrad = 0;
        Map<String, double[]> fd = new LinkedHashMap<>();
        for (String name : LEARNED) {
            double[] w = base.get(name), g = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                Map<String, double[]> plus = copy(base), minus = copy(base);
                double h = 1e-6;
                plus.get(name)[i] += h;
                minus.get(name)[i] -= h;
                g[i] = (loss(plus, base, xd, tb) - loss(minus, base, xd, tb)) / (2 * h);
                maxGrad = Math.max(maxGrad, Math.abs(g[i]));
            }
            fd.put(name, g);
        }
        assertThat(maxGrad).as("the check needs a nonzero gradient").isGreaterThan(1e-3);
        Map<String, Double> lr = Map.of("H1DendI_H1E", LR_Q, "H1DendI_H1DendI", LR_R, "H1DendI_InputE", LR_V);
        for (String name : LEARNED) {
            float[] after = model.parameters().get(name);
            double[] before = base.get(name), g = fd.get(name);
            for (int i = 0; i < g.length; i++) {
                double step = (before[i] - after[i]) / lr.get(name);
                double tol = 1e-3 * Math.max(Math.abs(g[i]), 1e-2 * maxGrad);
                assertThat(step).as("%s[%d], Tb = %d", name, i, tb).isCloseTo(g[i], org.assertj.core.api.Assertions.within(tol));
            }
        }
    }

    static Map<String, double[]> copy(Map<String, double[]> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }
}

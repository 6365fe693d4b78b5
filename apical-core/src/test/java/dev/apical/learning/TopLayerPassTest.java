package dev.apical.learning;

import static dev.apical.learning.TwoLayerReference.add;
import static dev.apical.learning.TwoLayerReference.clip;
import static dev.apical.learning.TwoLayerReference.clip01;
import static dev.apical.learning.TwoLayerReference.mv;
import static dev.apical.learning.TwoLayerReference.plusOuter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.apical.build.Model;
import dev.apical.network.Population;
import dev.apical.testing.TestModels;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// The top-layer pass (eiann-spec 6.3) with `Top_Layer_BP_like_2L` on the output weights, and `Ojas_rule` on
/// the output layer's inhibitory input, checked against the dynamics written out in double precision.
///
/// x = Input.E (3); h = H1.E (4, relu) ← x; o = Output.E (2, relu) ← h (F, V), ← oi (R, Y);
/// oi = Output.SomaI (2, relu) ← o (R, phase A, Q). τ = 2, T = 3.
class TopLayerPassTest {
    private static final double TOL = 2e-5;
    private static final double TAU = 2;
    private static final int T = 3;
    private static final float[] X = {1.1f, 0.3f, 0.7f};
    private static final float[] TARGET = {0f, 1f};

    private static String yaml(String qRule) {
        return """
                layer_config:
                  Input: {E: {size: 3}}
                  H1: {E: {size: 4, activation: relu}}
                  Output: {E: {size: 2, activation: relu}, SomaI: {size: 2, activation: relu}}
                projection_config:
                  H1: {E: {Input: {E: {direction: F}}}}
                  Output:
                    E:
                      H1: {E: {direction: F, learning_rule: Top_Layer_BP_like_2L, learning_rule_kwargs: {learning_rate: 0.04}}}
                      Output: {SomaI: {direction: R}}
                    SomaI:
                      Output: {E: {direction: R, update_phase: A%s}}
                training_kwargs: {tau: 2, forward_steps: 3, backward_steps: 0, learning_rate: 0.1}
                """.formatted(qRule);
    }

    private double[][] w, v, y, q;
    private double[] sh, so, si, ah, ao, ai, po, pi;
    private double[] hf, of, ofp, iF, plateau;

    private Model setUp(String qRule, long seed) {
        Model model = TestModels.build(yaml(qRule), 1);
        Map<String, float[]> p = model.parameters();
        System.arraycopy(TestModels.uniform(seed, 12, -0.2, 1.0), 0, p.get("H1E_InputE"), 0, 12);
        System.arraycopy(TestModels.uniform(seed + 1, 8, -0.3, 1.0), 0, p.get("OutputE_H1E"), 0, 8);
        System.arraycopy(TestModels.uniform(seed + 2, 4, -1.0, 0.0), 0, p.get("OutputE_OutputSomaI"), 0, 4);
        System.arraycopy(TestModels.uniform(seed + 3, 4, 0.2, 1.0), 0, p.get("OutputSomaI_OutputE"), 0, 4);
        w = TestModels.weights(model, "H1E_InputE");
        v = TestModels.weights(model, "OutputE_H1E");
        y = TestModels.weights(model, "OutputE_OutputSomaI");
        q = TestModels.weights(model, "OutputSomaI_OutputE");
        double[] x = TestModels.toDouble(X);
        sh = new double[4];
        ah = new double[4];
        so = new double[2];
        ao = new double[2];
        si = new double[2];
        ai = new double[2];
        plateau = new double[2];
        for (int t = 1; t <= T; t++) {
            po = ao.clone();
            pi = ai.clone();
            ah = integrate(sh, mv(w, x), null);
            ao = integrate(so, add(mv(v, ah), mv(y, pi)), null);
            ai = integrate(si, mv(q, po), null);
        }
        hf = ah.clone();
        of = ao.clone();
        ofp = po.clone();
        iF = ai.clone();
        // backward: output error with the relu gate (default true), then T steps of the output layer only
        for (int k = 0; k < 2; k++) plateau[k] = of[k] == 0 ? 0 : clip(TARGET[k] - of[k], -1, 1);
        for (int t = 0; t < T; t++) {
            po = ao.clone();
            pi = ai.clone();
            ao = integrate(so, add(mv(v, ah), mv(y, pi)), plateau);
            ai = integrate(si, mv(q, po), null);
        }
        return model;
    }

    private static double[] integrate(double[] s, double[] input, double[] nudge) {
        double[] a = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            s[k] += (input[k] - s[k]) / TAU;
            a[k] = Math.max(0, s[k] + (nudge == null ? 0 : nudge[k]));
        }
        return a;
    }

    private static void assertClose(float[] actual, double[] expected, String what) {
        for (int k = 0; k < expected.length; k++)
            assertThat((double) actual[k]).as("%s[%d]", what, k).isCloseTo(expected[k], within(TOL * (1 + Math.abs(expected[k]))));
    }

    private static void assertWeights(Model model, String name, double[][] expected) {
        double[][] actual = TestModels.weights(model, name);
        for (int i = 0; i < expected.length; i++)
            for (int j = 0; j < expected[i].length; j++)
                assertThat(actual[i][j]).as("%s[%d][%d]", name, i, j).isCloseTo(expected[i][j], within(TOL * (1 + Math.abs(expected[i][j]))));
    }

    private static Population pop(Model m, String name) {
        return m.network().populationByFullName(name);
    }

    @Test
    void onlyTheOutputLayerIsNudgedAndReequilibrated() {
        for (long seed = 1; seed <= 20; seed++) {
            Model m = setUp("", seed);
            m.trainStep(X, TARGET, 0);
            Population h = pop(m, "H1E");
            assertThat(h.activity).as("hidden layer keeps its forward activity, seed %d", seed).containsExactly(h.forwardActivity);
            assertThat(h.plateau()).as("hidden population has no plateau").isNull();
            assertClose(pop(m, "OutputE").plateau(), plateau, "OutputE plateau (relu-gated), seed " + seed);
            assertClose(pop(m, "OutputE").activity, ao, "OutputE backward, seed " + seed);
            assertClose(pop(m, "OutputSomaI").activity, ai, "OutputSomaI backward (phase A), seed " + seed);
            assertWeights(m, "OutputE_H1E", plusOuter(v, 0.04, plateau, clip01(hf), null, null));
            assertWeights(m, "H1E_InputE", w);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ojaRuleGrowsHebbianlyAndDecaysWithTheSquaredPostRate(boolean forwardOnly) {
        Model m = setUp(", learning_rule: Ojas_rule, learning_rule_kwargs: {learning_rate: 0.3, forward_only: " + forwardOnly + "}", 4);
        m.trainStep(X, TARGET, 0);
        // recurrent projection: pre = prev rate after the backward phase, or the forward rate at step T-1
        double[] post = clip01(forwardOnly ? iF : ai), pre = clip01(forwardOnly ? ofp : po);
        assertThat(post[0] + post[1]).as("SomaI active").isGreaterThan(0.01);
        double[][] expected = new double[2][2];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                expected[i][j] = q[i][j] + 0.3 * (post[i] * pre[j] - post[i] * post[i] * q[i][j]);
        assertWeights(m, "OutputSomaI_OutputE", expected);
    }
}

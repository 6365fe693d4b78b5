package dev.apical.learning.rules;

import dev.apical.build.Model;
import dev.apical.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// `BTSP_19` (eiann-spec 7.1): the depression sigmoid at the spec's values, and two consecutive updates of a
/// one-layer network checked against the formula evaluated here in double precision from the weights before
/// each step, the sample, the error and the previous sample's traces.
class BehavioralTimescalePlasticityTest {
    @ParameterizedTest
    @CsvSource({"0, 0", "0.005, 0.1700", "0.01, 0.4323", "0.015, 0.6947", "0.02, 0.8647", "0.03, 0.9796",
            "0.05, 0.9996", "1, 1", "-0.5, 0", "2, 1"})
    void depressionSigmoidAtTheSpecValues(float x, double q) {
        var sigmoid = new BehavioralTimescalePlasticity.Sigmoid(0.01, 0.02);
        assertThat((double) sigmoid.apply(x)).isCloseTo(q, within(6e-5));
    }

    static final double LR = 0.3, DELTA = 0.2, WMAX = 0.8, RHO = 0.7;

    // tau 1, T 1: the output is relu(W x); the backward phase gives plateau e = clip(t - y, -1, 1), gated where y == 0
    static final String CONFIG = """
            layer_config:
              Input: {E: {size: 5}}
              Output: {E: {size: 4, activation: relu}}
            projection_config:
              Output:
                E:
                  Input:
                    E: {weight_init: half_kaiming, weight_init_args: [3.0], weight_bounds: [0, %s], direction: F,
                        learning_rule: BTSP_19, learning_rule_kwargs: {learning_rate: %s, temporal_discount: %s,
                        dep_ratio: %s, relu_gate: false}}
            training_kwargs: {tau: 1, forward_steps: 1, learning_rate: 0.9}
            """.formatted(WMAX, LR, DELTA, RHO);

    @Test
    void twoUpdatesMatchTheFormulaWithPastTraces() {
        Model model = TestModels.build(CONFIG, 3);
        model.startTraining();
        float[] x1 = {0.004f, 0.3f, 0f, 1.5f, 0.012f};
        float[] x2 = {0.9f, 0.006f, 0.05f, 0f, 0.2f};
        float[] t1 = {1f, 0f, 0f, 0.5f};
        float[] t2 = {0f, 1f, 0.2f, 0f};
        double[] pastX = new double[5], pastP = new double[4];
        for (int s = 0; s < 2; s++) {
            float[] x = s == 0 ? x1 : x2, t = s == 0 ? t1 : t2;
            double[][] w = TestModels.weights(model, "OutputE_InputE");
            double[] p = new double[4];
            for (int i = 0; i < 4; i++) {
                double y = 0;
                for (int j = 0; j < 5; j++) y += w[i][j] * x[j];
                p[i] = Math.max(-1, Math.min(1, t[i] - Math.max(0, y)));
            }
            double[][] expected = expectedWeights(w, TestModels.toDouble(x), p, pastX, pastP);
            model.trainStep(x, t, s);
            double[][] after = TestModels.weights(model, "OutputE_InputE");
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 5; j++)
                    assertThat(after[i][j]).as("sample %d W[%d][%d]", s, i, j).isCloseTo(expected[i][j], within(2e-6));
            assertThat(TestModels.toDouble(model.ruleState().get("InputE.past_activity"))).containsExactly(TestModels.toDouble(x));
            assertThat(TestModels.toDouble(model.ruleState().get("OutputE.past_plateau"))).containsExactly(p, within(1e-6));
            pastX = TestModels.toDouble(x);
            pastP = p;
        }
        model.startTraining();
        assertThat(model.ruleState().get("InputE.past_activity")).containsOnly(0f);
        assertThat(model.ruleState().get("OutputE.past_plateau")).containsOnly(0f);
    }

    static double q(double x) {
        double c = Math.max(0, Math.min(1, x));
        double g0 = 1 / (1 + Math.exp(200 * 0.01)), g1 = 1 / (1 + Math.exp(-200 * (1 - 0.01)));
        return (1 / (1 + Math.exp(-200 * (c - 0.01))) - g0) / (g1 - g0);
    }

    static double[][] expectedWeights(double[][] w, double[] x, double[] p, double[] pastX, double[] pastP) {
        double[][] out = new double[w.length][w[0].length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                double et = Math.max(0, Math.min(1, x[j]));
                double pastEt = DELTA * Math.max(0, Math.min(1, pastX[j]));
                double pos = Math.max(p[i], 0), neg = Math.min(p[i], 0), pastPos = Math.max(pastP[i], 0);
                double wij = w[i][j];
                double dw = pos * ((WMAX - wij) * et - RHO * wij * q(et))
                        + pos * ((WMAX - wij) * pastEt - RHO * wij * q(pastEt))
                        + pastPos * ((WMAX - wij) * DELTA * et - RHO * wij * q(DELTA * et))
                        + neg * et;
                out[i][j] = Math.max(0, Math.min(WMAX, wij + LR * dw));
            }
        }
        return out;
    }

    @Test
    void upperBoundDefaultsToTwoWithoutOne() {
        Model model = TestModels.build(CONFIG.replace("weight_bounds: [0, " + WMAX + "]", "weight_bounds: [0, null]"), 3);
        var rule = (BehavioralTimescalePlasticity) model.rule(model.network().projection("OutputE_InputE"));
        assertThat(rule.wMax()).isEqualTo(2.0);
        Model bounded = TestModels.build(CONFIG, 3);
        assertThat(((BehavioralTimescalePlasticity) bounded.rule(bounded.network().projection("OutputE_InputE"))).wMax()).isEqualTo(WMAX);
    }
}

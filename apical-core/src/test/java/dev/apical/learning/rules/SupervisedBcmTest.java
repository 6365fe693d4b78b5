package dev.apical.learning.rules;

import dev.apical.build.Model;
import dev.apical.testing.TestModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// `Supervised_BCM_4` (eiann-spec 7): two consecutive updates of a one-layer network with two projections into
/// the output, checked against the formula in double precision. c is the output after the backward phase,
/// relu(W x + R y + e) with τ = 1 and T = 1, y = relu(W x) the forward output, e = clip(t − y, −1, 1), and R a
/// recurrent projection that reads y in the backward phase (f(b) = 0 in the single forward step); θ starts at k, moves once per sample although
/// two projections carry the rule, and is not reset when training starts.
class SupervisedBcmTest {
    static final double LR = 0.2, LR2 = 0.05, TAU = 4, K = 0.5;

    static final String CONFIG = """
            layer_config:
              Input: {E: {size: 3}}
              Output: {E: {size: 4, activation: relu}}
            projection_config:
              Output:
                E:
                  Input:
                    E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null], direction: F,
                        learning_rule: Supervised_BCM_4, learning_rule_kwargs: {learning_rate: %s, theta_tau: %s, k: %s,
                        max_pop_fraction: 1}}
                  Output:
                    E: {weight_init: half_kaiming, weight_init_args: [0.5], weight_bounds: [null, 0], direction: R,
                        learning_rule: Supervised_BCM_4, learning_rule_kwargs: {learning_rate: %s, theta_tau: 100, k: %s,
                        sign: -1}}
            training_kwargs: {tau: 1, forward_steps: 1}
            """.formatted(LR, TAU, K, LR2, K);

    @Test
    void twoUpdatesMatchTheFormulaAndThetaMovesOncePerSample() {
        Model model = TestModels.build(CONFIG, 5);
        assertThat(model.ruleState().get("OutputE.theta")).containsOnly((float) K);
        model.startTraining();
        float[][] xs = {{0.5f, 1.2f, 0f}, {1f, 0.1f, 0.7f}};
        float[][] ts = {{1f, 0f, 0f, 0f}, {0f, 0f, 1f, 0f}};
        double[] theta = {K, K, K, K};
        for (int s = 0; s < 2; s++) {
            double[][] we = TestModels.weights(model, "OutputE_InputE"), wi = TestModels.weights(model, "OutputE_OutputE");
            double[] x = TestModels.toDouble(xs[s]);
            double[] y = new double[4], c = new double[4];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) y[i] += we[i][j] * x[j];
                y[i] = Math.max(0, y[i]);
            }
            for (int i = 0; i < 4; i++) {
                double s0 = 0;
                for (int j = 0; j < 3; j++) s0 += we[i][j] * x[j];
                for (int j = 0; j < 4; j++) s0 += wi[i][j] * y[j];
                c[i] = Math.max(0, s0 + Math.max(-1, Math.min(1, ts[s][i] - y[i])));
            }
            model.trainStep(xs[s], ts[s], s);
            double[][] ae = TestModels.weights(model, "OutputE_InputE"), ai = TestModels.weights(model, "OutputE_OutputE");
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++)
                    assertThat(ae[i][j]).as("E %d %d", i, j)
                            .isCloseTo(Math.max(0, we[i][j] + LR * c[i] * (c[i] - theta[i]) * Math.min(1, x[j])), within(1e-6));
                for (int j = 0; j < 4; j++)
                    assertThat(ai[i][j]).as("R %d %d", i, j)
                            .isCloseTo(Math.min(0, wi[i][j] - LR2 * c[i] * (c[i] - theta[i]) * Math.min(1, y[j])), within(1e-6));
                theta[i] += (-theta[i] + c[i] * c[i] / K) / TAU;
            }
            assertThat(TestModels.toDouble(model.ruleState().get("OutputE.theta"))).containsExactly(theta, within(1e-6));
        }
        model.startTraining();
        assertThat(TestModels.toDouble(model.ruleState().get("OutputE.theta"))).containsExactly(theta, within(1e-6));
    }
}

package dev.apical.network;

import dev.apical.build.Model;
import dev.apical.testing.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/// Column copies of weights ([Projection#keepColumns()]) are a faster layout, not a different model: a network
/// trained with them ends with the same weights as one trained with dense products, to float rounding, and the
/// copies follow every kind of write (rank-one rule updates, loaded weights, evaluation in between).
class ColumnCopyTest {
    /// A dendritic target propagation network in the style of EIANN's MNIST configs, small: sparse inputs,
    /// relu E populations with somatic interneurons, top-down weights mirrored from the forward ones.
    static final String DTP = """
            layer_config:
              Input: {E: {size: 120}}
              H1:
                E: {size: 90, activation: relu}
                SomaI: {size: 40, activation: relu}
                DendI: {size: 50, activation: relu}
              H2:
                E: {size: 70, activation: relu}
              Output:
                E: {size: 10, activation: relu}
            projection_config:
              H1:
                E:
                  Input: {E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null],
                              learning_rule: BP_like_2E,
                              learning_rule_kwargs: {learning_rate: 0.05, max_pop_fraction: 1.0, stochastic: false, relu_gate: true}}}
                  H1:
                    SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], direction: R}
                    DendI: {weight_init: half_kaiming, weight_bounds: [null, 0], update_phase: B, compartment: dend, direction: R,
                            learning_rule: DendriticLoss_6, learning_rule_kwargs: {sign: -1, learning_rate: 0.05}}
                  H2: {E: {weight_init: half_kaiming, weight_bounds: [0, null], compartment: dend, update_phase: B,
                           weight_constraint: clone_weight, weight_constraint_kwargs: {source: H2.E.H1.E, transpose: true, scale: 0.5}}}
                SomaI:
                  Input: {E: {weight_init: half_kaiming, weight_bounds: [0, null]}}
                  H1: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: R}}
                DendI:
                  H1:
                    E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: R,
                        weight_constraint: normalize_weight, weight_constraint_kwargs: {scale: 5.0},
                        learning_rule: Hebb_WeightNorm, learning_rule_kwargs: {sign: 1, learning_rate: 0.02, forward_only: true}}
                    DendI: {weight_init: half_kaiming, weight_bounds: [null, 0], direction: R,
                            weight_constraint: normalize_weight, weight_constraint_kwargs: {scale: 2.0},
                            learning_rule: Hebb_WeightNorm, learning_rule_kwargs: {sign: -1, learning_rate: 0.01, forward_only: true}}
              H2:
                E:
                  H1: {E: {weight_init: half_kaiming, weight_bounds: [0, null], learning_rule: BP_like_2E,
                           learning_rule_kwargs: {learning_rate: 0.05, max_pop_fraction: 1.0, stochastic: false, relu_gate: true}}}
                  Output: {E: {weight_init: half_kaiming, weight_bounds: [0, null], compartment: dend, update_phase: B,
                               weight_constraint: clone_weight, weight_constraint_kwargs: {source: Output.E.H2.E, transpose: true, scale: 1.0}}}
              Output:
                E:
                  H2: {E: {weight_init: half_kaiming, weight_bounds: [0, null], learning_rule: BP_like_2E,
                           learning_rule_kwargs: {learning_rate: 0.05, max_pop_fraction: 1.0, stochastic: false, relu_gate: true}}}
            training_kwargs: {tau: 3, forward_steps: 8, backward_steps: 0, learning_rate: 0.05}
            """;

    private static float[] sparseInput(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) if (r.nextInt(4) == 0) x[i] = (float) r.nextDouble();
        return x;
    }

    /// Fixed weights and weights changed by rank-one rule updates and row normalisation, of at least 4,096
    /// elements, get copies; mirrored top-down weights (H1E_H2E, H2E_OutputE), a self-projection whose diagonal
    /// is zeroed (H1DendI_H1DendI) and small matrices (OutputE_H2E 700, H1E_H1SomaI 3,600) do not.
    @Test
    void copiesAreKeptForFixedAndRankOneTrainedProjectionsOnly() {
        Model m = TestModels.build(DTP, 3);
        Network n = m.network();
        assertThat(n.projections()).filteredOn(Projection::keepsColumns).extracting(Projection::name)
                .containsExactlyInAnyOrder("H1E_InputE", "H2E_H1E", "H1SomaI_InputE", "H1E_H1DendI", "H1DendI_H1E");
        m.setColumnCopies(false);
        assertThat(n.projections()).noneMatch(Projection::keepsColumns);
    }

    @Test
    void trainingWithColumnCopiesMatchesDenseProductsToRounding() {
        Model sparse = TestModels.build(DTP, 3), dense = TestModels.build(DTP, 3);
        dense.setColumnCopies(false);
        SplittableRandom r = new SplittableRandom(11);
        for (int s = 0; s < 200; s++) {
            float[] x = sparseInput(r, 120), t = TestModels.oneHot(10, r.nextInt(10));
            sparse.trainStep(x, t, s);
            dense.trainStep(x, t, s);
            if (s == 100) { // a write from outside between steps: the copy must follow it
                sparse.parameters().get("H2E_H1E")[5] = 0.25f;
                dense.parameters().get("H2E_H1E")[5] = 0.25f;
            }
        }
        Map<String, float[]> a = sparse.parameters(), b = dense.parameters();
        double changed = 0;
        Map<String, float[]> initial = TestModels.build(DTP, 3).parameters();
        for (var e : a.entrySet()) {
            float[] u = e.getValue(), v = b.get(e.getKey()), w0 = initial.get(e.getKey());
            for (int k = 0; k < u.length; k++) {
                assertThat((double) u[k]).as("%s[%d]", e.getKey(), k).isCloseTo(v[k], org.assertj.core.api.Assertions.within(1e-4 + 1e-3 * Math.abs(v[k])));
                changed += Math.abs(v[k] - w0[k]);
            }
        }
        assertThat(changed).as("training changed the weights").isGreaterThan(1.0);
        assertThat(a.get("H2E_H1E")[5]).isNotEqualTo(0f);
        float[] x = sparseInput(r, 120);
        sparse.forward(x);
        dense.forward(x);
        float[] ya = sparse.network().output().activity, yb = dense.network().output().activity;
        for (int i = 0; i < ya.length; i++) assertThat(ya[i]).isCloseTo(yb[i], org.assertj.core.api.Assertions.within(1e-4f + 1e-3f * Math.abs(yb[i])));
        for (float v : a.get("H2E_H1E")) assertThat(v).as("Dale's law").isGreaterThanOrEqualTo(0f);
    }

    /// A relu network evaluates sample by sample (on replicas of itself, one per thread, whose products skip zero
    /// rates); the results equal the batched evaluation of the same weights to float rounding, and follow the
    /// weights as training goes on.
    @Test
    void perSampleEvaluationMatchesBatchedEvaluation() {
        Model m = TestModels.build(DTP, 5);
        SplittableRandom r = new SplittableRandom(3);
        for (int s = 0; s < 150; s++) m.trainStep(sparseInput(r, 120), TestModels.oneHot(10, r.nextInt(10)), s);
        int n = 700;
        float[] inputs = new float[n * 120];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sparseInput(r, 120), 0, inputs, i * 120, 120);
            labels[i] = r.nextInt(10);
        }
        var data = dev.apical.data.ArrayDataset.ofLabels("test", inputs, 120, labels, 10);
        assertThat(m.evaluatesPerSample(data)).isTrue();
        float[] perSample = new float[n * 10], perSampleTwo = new float[n * 10], batched = new float[n * 10];
        var a = m.evaluate(data, perSample, 1);
        var b = m.evaluate(data, perSampleTwo, 2);
        m.setEvaluationMode(Model.EvaluationMode.BATCHED);
        assertThat(m.evaluatesPerSample(data)).isFalse();
        var c = m.evaluate(data, batched, 2);
        assertThat(perSampleTwo).containsExactly(perSample);
        assertThat(a.accuracy()).isEqualTo(b.accuracy());
        for (int i = 0; i < batched.length; i++)
            assertThat(perSample[i]).as("output %d", i).isCloseTo(batched[i], org.assertj.core.api.Assertions.within(1e-4f + 1e-4f * Math.abs(batched[i])));
        assertThat(a.loss()).isCloseTo(c.loss(), org.assertj.core.api.Assertions.within(1e-5 * Math.abs(c.loss()) + 1e-7));
        float max = 0;
        for (float v : batched) max = Math.max(max, Math.abs(v));
        assertThat(max).as("outputs are not all zero").isGreaterThan(0.01f);
        // after more training, a second evaluation sees the new weights
        for (int s = 150; s < 300; s++) m.trainStep(sparseInput(r, 120), TestModels.oneHot(10, r.nextInt(10)), s);
        float[] later = new float[n * 10], laterBatched = new float[n * 10];
        m.evaluate(data, laterBatched, 1);
        m.setEvaluationMode(Model.EvaluationMode.AUTO);
        m.evaluate(data, later, 2);
        for (int i = 0; i < later.length; i++)
            assertThat(later[i]).as("later output %d", i).isCloseTo(laterBatched[i], org.assertj.core.api.Assertions.within(1e-4f + 1e-4f * Math.abs(laterBatched[i])));

        // dense (sigmoid) rates and dense inputs: batched
        Model dense = TestModels.build(DTP.replace("activation: relu", "activation: sigmoid"), 5);
        float[] denseInputs = TestModels.uniform(9, n * 120, 0.1, 1);
        assertThat(dense.evaluatesPerSample(dev.apical.data.ArrayDataset.ofLabels("dense", denseInputs, 120, labels, 10))).isFalse();
    }
}

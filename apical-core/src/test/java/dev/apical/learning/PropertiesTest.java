package dev.apical.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apical.build.Model;
import dev.apical.network.DivergenceException;
import dev.apical.network.Projection;
import dev.apical.spec.Bounds;
import dev.apical.spec.ConfigException;
import dev.apical.testing.TestModels;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// Invariants of training (eiann-spec 3, 8): Dale's law after every step, zero learning rates, seeding,
/// weight constraints after every step, build-time checks, divergence reporting and initialiser ranges.
class PropertiesTest {
    /// E/I network where every weight and bias is trained by back-propagation, with Dale bounds.
    static String daleNetwork(String learningRate, String optimizer) {
        return """
                layer_config:
                  Input: {E: {size: 4}}
                  H1:
                    E: {size: 8, activation: relu, include_bias: true, bias_learning_rule: BackpropBias}
                    SomaI: {size: 3, activation: relu, include_bias: true, bias_learning_rule: BackpropBias}
                  Output: {E: {size: 3, activation: relu, include_bias: true, bias_learning_rule: BackpropBias}}
                projection_config:
                  H1:
                    E:
                      Input: {E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null], direction: F,
                                  learning_rule: Backprop}}
                      H1: {SomaI: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [null, 0], direction: R,
                                   learning_rule: Backprop}}
                    SomaI:
                      Input: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: F, learning_rule: Backprop}}
                      H1:
                        E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: R, learning_rule: Backprop}
                        SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], weight_constraint: no_autapses,
                                direction: R, learning_rule: Backprop}
                  Output:
                    E:
                      H1:
                        E: {weight_init: half_kaiming, weight_init_args: [3.0], weight_bounds: [0, null], direction: F,
                            learning_rule: Backprop}
                        SomaI: {weight_init: half_kaiming, weight_init_args: [0.5], weight_bounds: [null, 0], direction: F,
                                learning_rule: Backprop}
                training_kwargs: {tau: 3, forward_steps: 5, backward_steps: 3, learning_rate: %s, optimizer: %s}
                """.formatted(learningRate, optimizer);
    }

    /// Trains `steps` online steps on random inputs in [0, 2) and random one-hot targets, calling `check`
    /// after every step.
    static void train(Model model, int steps, long dataSeed, Runnable check) {
        SplittableRandom r = new SplittableRandom(dataSeed);
        int in = model.network().input().size(), out = model.network().output().size();
        for (int step = 0; step < steps; step++) {
            float[] x = TestModels.uniform(r.nextLong(), in, 0, 2);
            model.trainStep(x, TestModels.oneHot(out, r.nextInt(out)), step);
            check.run();
        }
    }

    @Test
    void daleBoundsHoldAfterEveryStep() {
        Model model = TestModels.build(daleNetwork("0.5", "SGD"), 11);
        int[] clamped = {0};
        int[] steps = {0};
        train(model, 200, 3, () -> {
            steps[0]++;
            for (Projection p : model.network().projections()) {
                Bounds b = p.bounds();
                for (float w : p.weights()) {
                    if (b.hasLower()) assertThat(w).as("%s (excitatory) after step %d", p.name(), steps[0]).isGreaterThanOrEqualTo(0f);
                    if (b.hasUpper()) assertThat(w).as("%s (inhibitory) after step %d", p.name(), steps[0]).isLessThanOrEqualTo(0f);
                    if (w == 0f && !(p.pre() == p.post())) clamped[0]++;
                }
            }
        });
        // the clamp was exercised: off-diagonal weights sat exactly on a bound (half_kaiming never draws 0)
        assertThat(clamped[0]).isGreaterThan(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SGD", "Adam"})
    void zeroLearningRateLeavesEveryParameterBitIdentical(String optimizer) {
        Model model = TestModels.build(daleNetwork("0", optimizer), 11);
        Map<String, float[]> before = TestModels.copyParameters(model);
        train(model, 50, 4, () -> {});
        assertThat(model.parameters().keySet()).containsExactlyElementsOf(before.keySet());
        for (String name : before.keySet())
            assertThat(Arrays.equals(model.parameters().get(name), before.get(name))).as(name).isTrue();
    }

    @Test
    void sameSeedGivesBitIdenticalTrainingAndOtherSeedsOtherWeights() {
        Model a = TestModels.build(daleNetwork("0.1", "SGD"), 66049);
        Model b = TestModels.build(daleNetwork("0.1", "SGD"), 66049);
        Model c = TestModels.build(daleNetwork("0.1", "SGD"), 66050);
        for (String name : a.parameters().keySet()) {
            assertThat(Arrays.equals(a.parameters().get(name), b.parameters().get(name))).as(name + " same seed").isTrue();
            assertThat(Arrays.equals(a.parameters().get(name), c.parameters().get(name))).as(name + " other seed").isFalse();
        }
        Map<String, float[]> initial = TestModels.copyParameters(a);
        train(a, 30, 9, () -> {});
        train(b, 30, 9, () -> {});
        for (String name : a.parameters().keySet()) {
            assertThat(Arrays.equals(a.parameters().get(name), b.parameters().get(name))).as(name + " after training").isTrue();
        }
        assertThat(Arrays.equals(a.parameters().get("OutputE_H1E"), initial.get("OutputE_H1E"))).as("training moved weights").isFalse();
    }

    static final String CONSTRAINED = """
            layer_config:
              Input: {E: {size: 4}}
              H1:
                E: {size: 6, activation: relu}
                SomaI: {size: 3, activation: relu}
              Output: {E: {size: 3, activation: relu}}
            projection_config:
              H1:
                E:
                  Input: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: F, learning_rule: Backprop,
                              weight_constraint: normalize_weight, weight_constraint_kwargs: {scale: 0.8}}}
                  H1: {SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], direction: R, learning_rule: Backprop}}
                  Output: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: R, learning_rule: null,
                               weight_constraint: clone_weight,
                               weight_constraint_kwargs: {source: Output.E.H1.E, transpose: true, scale: 0.3}}}
                SomaI:
                  Input: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: F, learning_rule: null}}
                  H1:
                    E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null], direction: R,
                        learning_rule: Backprop}
                    SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], weight_constraint: no_autapses, direction: R,
                            learning_rule: Backprop}
              Output:
                E:
                  H1: {E: {weight_init: half_kaiming, weight_init_args: [1.5], weight_bounds: [0, null], direction: F,
                           learning_rule: Backprop}}
            training_kwargs: {tau: 2, forward_steps: 4, backward_steps: 4, learning_rate: 0.1}
            """;

    /// no_autapses keeps the diagonal at 0; normalize_weight makes every row's absolute sum equal to scale
    /// (tolerance 1e-5 absolute on 0.8, float32 sums of 4 terms); clone_weight makes B = 0.3 * W^T exactly
    /// (the same float32 product). Checked after construction and after each of 100 steps.
    @Test
    void constraintsHoldAfterEveryStep() {
        Model model = TestModels.build(CONSTRAINED, 21);
        float[] ii = model.parameters().get("H1SomaI_H1SomaI");
        float[] norm = model.parameters().get("H1E_InputE");
        float[] w = model.parameters().get("OutputE_H1E");   // 3 x 6
        float[] w0 = w.clone();
        float[] ii0 = ii.clone();
        Runnable check = () -> {
            float[] b = model.parameters().get("H1E_OutputE");   // 6 x 3, a mirror of 0.3 W^T: read it afresh
            for (int i = 0; i < 3; i++) assertThat(ii[i * 3 + i]).as("autapse %d", i).isZero();
            for (int i = 0; i < 6; i++) {
                double sum = 0;
                for (int j = 0; j < 4; j++) sum += Math.abs(norm[i * 4 + j]);
                assertThat(sum).as("row %d abs-sum", i).isCloseTo(0.8, Offset.offset(1e-5));
            }
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 3; j++)
                    assertThat(b[i * 3 + j]).as("B[%d][%d]", i, j).isEqualTo((float) 0.3 * w[j * 6 + i]);
        };
        check.run();
        train(model, 100, 5, check);
        // the constrained parameters were trained (otherwise the checks would be trivial)
        assertThat(Arrays.equals(w, w0)).isFalse();
        assertThat(Arrays.equals(ii, ii0)).isFalse();
    }

    @Test
    void backpropWithoutBackwardStepsFailsAtBuild() {
        String yaml = daleNetwork("0.1", "SGD").replace("backward_steps: 3", "backward_steps: 0");
        assertThatThrownBy(() -> TestModels.build(yaml, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backward_steps");
    }

    /// A huge learning rate drives the weights to infinity; the step that produced the non-finite value and
    /// the first non-finite population are named.
    @Test
    void explodingLearningRateRaisesDivergenceNamingStepAndPopulation() {
        String yaml = """
                layer_config:
                  Input: {E: {size: 3}}
                  H1: {E: {size: 5, activation: linear, include_bias: true, bias_learning_rule: BackpropBias}}
                  Output: {E: {size: 2, activation: linear}}
                projection_config:
                  H1:
                    E:
                      Input: {E: {weight_init: scaled_kaiming, direction: F, learning_rule: Backprop}}
                  Output:
                    E:
                      H1: {E: {weight_init: scaled_kaiming, direction: F, learning_rule: Backprop}}
                training_kwargs: {tau: 1, forward_steps: 1, backward_steps: 1, learning_rate: 1000000.0}
                """;
        Model model = TestModels.build(yaml, 3);
        int[] lastGood = {-1};
        assertThatThrownBy(() -> train(model, 100, 8, () -> lastGood[0]++))
                .isInstanceOfSatisfying(DivergenceException.class, e -> {
                    assertThat(e.step()).as("step").isEqualTo(lastGood[0] + 1);
                    assertThat(e.population()).as("population").isIn("H1.E", "Output.E");
                    assertThat(e.getMessage()).contains("step " + e.step()).contains(e.population());
                });
    }

    static final String INITS = """
            layer_config:
              Input: {E: {size: 50}}
              H1:
                E: {size: 200, activation: relu, include_bias: true}
                SomaI: {size: 30, activation: relu, include_bias: true, bias_init: scaled_kaiming, bias_init_args: [2.0]}
            projection_config:
              H1:
                E:
                  Input: {E: {weight_init: half_kaiming, weight_init_args: [1.7], weight_bounds: [0, null], direction: F}}
                  H1: {SomaI: {weight_init: half_kaiming, weight_init_args: [0.8], weight_bounds: [null, 0], direction: R}}
                SomaI:
                  Input: {E: {weight_init: scaled_kaiming, weight_init_args: [1.3], direction: F}}
                  H1: {E: {weight_init: scaled_kaiming, direction: R}}
            """;

    /// Every value lies in [lo, hi]; the extremes come within `edge` (fraction of the range) of both ends,
    /// and the mean lies within max(2%, 4 standard errors) of the range from the midpoint (uniform draws:
    /// a narrower or shifted distribution fails).
    static void assertUniformIn(float[] v, double lo, double hi, double edge, String what) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float x : v) {
            assertThat((double) x).as(what).isBetween(lo, hi);
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double range = hi - lo;
        assertThat(min).as(what + " min").isLessThan(lo + edge * range);
        assertThat(max).as(what + " max").isGreaterThan(hi - edge * range);
        assertThat(sum / v.length).as(what + " mean").isCloseTo((lo + hi) / 2, Offset.offset(Math.max(0.02, 4 / Math.sqrt(12.0 * v.length)) * range));
    }

    @Test
    void initialiserRanges() {
        Model model = TestModels.build(INITS, 66051);
        Map<String, float[]> p = model.parameters();
        double k50 = 1 / Math.sqrt(50), k30 = 1 / Math.sqrt(30), k200 = 1 / Math.sqrt(200);
        assertUniformIn(p.get("H1E_InputE"), 0, 1.7 * k50, 0.01, "half_kaiming excitatory");
        assertUniformIn(p.get("H1E_H1SomaI"), -0.8 * k30, 0, 0.01, "half_kaiming inhibitory");
        assertUniformIn(p.get("H1SomaI_InputE"), -1.3 * k50, 1.3 * k50, 0.01, "scaled_kaiming 1.3");
        assertUniformIn(p.get("H1SomaI_H1E"), -k200, k200, 0.01, "scaled_kaiming default scale");
        // bias: total fan-in over all incoming projections (F and R): 50 + 30 for E, 50 + 200 for SomaI
        assertUniformIn(p.get("H1E.bias"), -1 / Math.sqrt(80), 1 / Math.sqrt(80), 0.05, "bias scaled_kaiming");
        assertUniformIn(p.get("H1SomaI.bias"), -2 / Math.sqrt(250), 2 / Math.sqrt(250), 0.15, "bias scaled_kaiming 2.0");
    }
}

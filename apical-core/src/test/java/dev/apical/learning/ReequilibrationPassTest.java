package dev.apical.learning;

import static dev.apical.learning.TwoLayerReference.clip;
import static dev.apical.learning.TwoLayerReference.clip01;
import static dev.apical.learning.TwoLayerReference.plusOuter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.apical.build.Model;
import dev.apical.network.Population;
import dev.apical.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/// The 2L backward pass (re-equilibration with plateaus fixed at t = 0) and the rules on it, checked against
/// [TwoLayerReference], which writes the dynamics and updates out in double precision.
class ReequilibrationPassTest {
    private static final double TOL = 2e-5;
    private static final float[] X = {0.9f, 0.2f, 1.4f};
    private static final float[] TARGET = {1f, 0f};

    private record Run(Model model, TwoLayerReference ref) {}

    private static Run run(String w, String b, String v, long seed, boolean reluGate, int select) {
        Model model = TestModels.build(TwoLayerReference.yaml(w, b, v), 1);
        TwoLayerReference ref = new TwoLayerReference(model, seed, X, TARGET);
        ref.forward();
        ref.backward(reluGate, select);
        model.trainStep(X, TARGET, 0);
        return new Run(model, ref);
    }

    private static void assertClose(float[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSize(expected.length);
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

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bpLike2LReequilibratesAndUpdatesFromPlateaus(boolean forwardOnly) {
        String rule = "learning_rule: BP_like_2L, learning_rule_kwargs: {learning_rate: 0.05, forward_only: " + forwardOnly + "}";
        Run r = run(rule, "", rule, 7, false, 4);
        TwoLayerReference ref = r.ref();
        Model m = r.model();
        // the backward phase: activities, plateaus and the last dendritic state
        assertClose(pop(m, "H1E").forwardActivity, ref.hf, "H1E forward");
        assertClose(pop(m, "OutputE").activity, ref.ao, "OutputE backward");
        assertClose(pop(m, "OutputE").prevActivity, ref.po, "OutputE backward prev");
        assertClose(pop(m, "H1E").activity, ref.ah, "H1E backward");
        assertClose(pop(m, "H1SomaI").activity, ref.ai, "H1SomaI backward (phase A input: re-equilibrated)");
        assertClose(pop(m, "H1E").plateau(), ref.plateauH, "H1E plateau");
        assertClose(pop(m, "OutputE").plateau(), ref.plateauO, "OutputE plateau");
        assertClose(pop(m, "H1E").dendriticState(), ref.dendH, "H1E backward dendritic state (last iteration)");
        assertThat(pop(m, "H1SomaI").plateau()).as("SomaI bears no rule").isNull();
        // the relaxation really moved the activities and the plateau is nonzero
        assertThat(Math.abs(ref.ah[0] - ref.hf[0]) + Math.abs(ref.ao[0] - ref.of[0])).isGreaterThan(1e-3);
        assertThat(java.util.Arrays.stream(ref.plateauH).map(Math::abs).sum()).isGreaterThan(1e-3);
        // ΔW = η plateau ⊗ clip01(pre): pre after the backward phase, or forward with forward_only
        assertWeights(m, "H1E_InputE", plusOuter(ref.w, 0.05, ref.plateauH, clip01(ref.x), null, null));
        assertWeights(m, "OutputE_H1E", plusOuter(ref.v, 0.05, ref.plateauO, clip01(forwardOnly ? ref.hf : ref.ah), null, null));
    }

    @Test
    void reluGateSilencesUnitsInactiveInTheForwardPhase() {
        String rule = "learning_rule: BP_like_2L, learning_rule_kwargs: {relu_gate: true}";
        for (long seed = 1; seed < 40; seed++) {
            Run r = run(rule, "", rule, seed, true, 4);
            assertClose(pop(r.model(), "H1E").plateau(), r.ref().plateauH, "H1E plateau, seed " + seed);
            assertClose(pop(r.model(), "OutputE").plateau(), r.ref().plateauO, "OutputE plateau, seed " + seed);
            assertClose(pop(r.model(), "H1E").activity, r.ref().ah, "H1E backward, seed " + seed);
        }
    }

    @Test
    void temporalContrastHebbContrastsNudgedAndFreeRates() {
        String rule = "learning_rule: Hebbian_Temporal_Contrast, learning_rule_kwargs: {learning_rate: 0.2}";
        Run r = run(rule, "", rule, 11, true, 4);
        TwoLayerReference ref = r.ref();
        // b_post = clip01(a_post) gated where the forward rate is 0; f = clip01(forward rates)
        double[] bh = clip01(ref.ah), fh = clip01(ref.hf), bo = clip01(ref.ao), fo = clip01(ref.of);
        for (int k = 0; k < bh.length; k++) if (fh[k] == 0) bh[k] = 0;
        for (int k = 0; k < bo.length; k++) if (fo[k] == 0) bo[k] = 0;
        assertWeights(r.model(), "H1E_InputE", plusOuter(ref.w, 0.2, bh, clip01(ref.x), fh, clip01(ref.x)));
        assertWeights(r.model(), "OutputE_H1E", plusOuter(ref.v, 0.2, bo, clip01(ref.ah), fo, fh));
        assertClose(pop(r.model(), "H1E").plateau(), ref.plateauH, "H1E plateau (TCH shares the 2L pass)");
    }

    @Test
    void bpLike2LAndTemporalContrastShareOnePassAndBothBearPlateaus() {
        // TCH (on H1.E) registers the pass first; EIANN's 2L backward selects populations by shared backward
        // method, not by rule class, so the BP_like_2L population (Output.E) gets its plateau too, and each
        // population uses its own rule's relu gate (TCH true, BP_like_2L false)
        String tch = "learning_rule: Hebbian_Temporal_Contrast, learning_rule_kwargs: {learning_rate: 0.2}";
        String bp = "learning_rule: BP_like_2L, learning_rule_kwargs: {learning_rate: 0.05}";
        Model model = TestModels.build(TwoLayerReference.yaml(tch, "", bp), 1);
        TwoLayerReference ref = new TwoLayerReference(model, 5, X, TARGET);
        ref.forward();
        ref.backward(false, true, 4);
        model.trainStep(X, TARGET, 0);
        assertThat(pop(model, "OutputE").plateau()).as("BP_like_2L population bears the pass TCH registered").isNotNull();
        assertClose(pop(model, "OutputE").plateau(), ref.plateauO, "OutputE plateau (ungated)");
        assertClose(pop(model, "H1E").plateau(), ref.plateauH, "H1E plateau (gated)");
        double[] bh = clip01(ref.ah), fh = clip01(ref.hf);
        for (int k = 0; k < bh.length; k++) if (fh[k] == 0) bh[k] = 0;
        assertWeights(model, "H1E_InputE", plusOuter(ref.w, 0.2, bh, clip01(ref.x), fh, clip01(ref.x)));
        assertWeights(model, "OutputE_H1E", plusOuter(ref.v, 0.05, ref.plateauO, clip01(ref.ah), null, null));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void topDownContrast1OnTheFeedbackWeights(boolean forwardOnly) {
        String w = "learning_rule: BP_like_2L";
        String b = "learning_rule: Top_Down_Hebbian_Temporal_Contrast_1, learning_rule_kwargs: {learning_rate: 0.3, forward_only: "
                + forwardOnly + "}";
        Run r = run(w, b, w, 3, false, 4);
        TwoLayerReference ref = r.ref();
        double[][] expected;
        if (forwardOnly) {
            double[] delta = new double[2];
            for (int k = 0; k < 2; k++) delta[k] = clip(ref.ao[k] - ref.of[k], -1, 1);
            expected = plusOuter(ref.b, 0.3, clip01(ref.hf), delta, null, null);
        } else {
            expected = plusOuter(ref.b, 0.3, clip01(ref.ah), clip01(ref.ao), clip01(ref.hf), clip01(ref.of));
        }
        assertWeights(r.model(), "H1E_OutputE", expected);
    }

    @Test
    void topDownContrast3UsesTheBackwardLowerRate() {
        String w = "learning_rule: BP_like_2L";
        String b = "learning_rule: Top_Down_Hebbian_Temporal_Contrast_3, learning_rule_kwargs: {learning_rate: 0.3}";
        Run r = run(w, b, w, 4, false, 4);
        TwoLayerReference ref = r.ref();
        double[] delta = new double[2];
        for (int k = 0; k < 2; k++) delta[k] = clip(ref.ao[k] - ref.of[k], -1, 1);
        assertWeights(r.model(), "H1E_OutputE", plusOuter(ref.b, 0.3, clip01(ref.ah), delta, null, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, -1})
    void supervisedHebbWeightNormSelectsAFractionAndUsesNudgedRates(int sign) {
        // deterministic selection of ceil(0.25 · 4) = 1 positive and 1 negative hidden unit
        String rule = "learning_rule: Supervised_Hebb_WeightNorm_4, learning_rule_kwargs: {learning_rate: 0.07, sign: " + sign
                + ", max_pop_fraction: 0.25, stochastic: false}";
        Run r = run(rule, "", rule, 9, false, 1);
        TwoLayerReference ref = r.ref();
        assertClose(pop(r.model(), "H1E").plateau(), ref.plateauH, "H1E plateau");
        assertThat(java.util.Arrays.stream(ref.plateauH).filter(v -> v != 0).count()).isBetween(1L, 2L);
        assertClose(pop(r.model(), "H1E").activity, ref.ah, "H1E backward");
        assertWeights(r.model(), "H1E_InputE", plusOuter(ref.w, sign * 0.07, clip01(ref.ah), clip01(ref.x), null, null));
        assertWeights(r.model(), "OutputE_H1E", plusOuter(ref.v, sign * 0.07, clip01(ref.ao), clip01(ref.ah), null, null));
    }
}

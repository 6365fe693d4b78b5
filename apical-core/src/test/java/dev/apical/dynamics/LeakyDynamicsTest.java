package dev.apical.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apical.build.Model;
import dev.apical.network.Network;
import dev.apical.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/// Leaky rate dynamics over many steps (eiann-spec 4): at the start of each step every activity is
/// snapshotted (prev); populations are updated in layer order with s <- s + (I - s)/tau, a = relu(s);
/// F projections read the presynaptic value at the moment they are evaluated (this step's for earlier
/// populations, last step's for later ones), R projections read the snapshot. The reference trajectories
/// are written out by hand for each network, in double precision.
///
/// Tolerance: |x - ref| <= 1e-5 * max(1, |ref|) for every state and activity at every step (float32 error
/// grows over 15 steps of O(1) sums to a few 1e-7).
class LeakyDynamicsTest {
    static final double TOL = 1e-5;
    static final int T = 15;

    /// H1.E <-> H1.SomaI loop through R projections (SomaI has its own tau 2), SomaI self-inhibition, Output
    /// reading both H1 populations through F projections of the current step.
    static final String RECURRENT_LOOP = """
            layer_config:
              Input: {E: {size: 3}}
              H1:
                E: {size: 5, activation: relu, include_bias: true}
                SomaI: {size: 3, activation: relu, tau: 2, include_bias: true}
              Output: {E: {size: 4, activation: relu, include_bias: true}}
            projection_config:
              H1:
                E:
                  Input: {E: {weight_init: half_kaiming, weight_init_args: [2.5], weight_bounds: [0, null], direction: F}}
                  H1: {SomaI: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [null, 0], direction: R}}
                SomaI:
                  Input: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: F}}
                  H1:
                    E: {weight_init: half_kaiming, weight_init_args: [3.0], weight_bounds: [0, null], direction: R}
                    SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], weight_constraint: no_autapses, direction: R}
              Output:
                E:
                  H1:
                    E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null], direction: F}
                    SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], direction: F}
            training_kwargs: {tau: 3, forward_steps: 15}
            """;

    /// Same populations, but the loop is made of F projections: H1.E <- H1.SomaI and H1.E <- Output.E read
    /// populations updated later in the step (so their previous-step values); H1.SomaI <- H1.E reads this
    /// step's H1.E.
    static final String FORWARD_LOOP = """
            layer_config:
              Input: {E: {size: 3}}
              H1:
                E: {size: 5, activation: relu, include_bias: true}
                SomaI: {size: 3, activation: relu, tau: 2, include_bias: true}
              Output: {E: {size: 4, activation: relu, include_bias: true}}
            projection_config:
              H1:
                E:
                  Input: {E: {weight_init: half_kaiming, weight_init_args: [2.5], weight_bounds: [0, null], direction: F}}
                  H1: {SomaI: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [null, 0], direction: F}}
                  Output: {E: {weight_init: half_kaiming, weight_init_args: [1.5], weight_bounds: [0, null], direction: F}}
                SomaI:
                  Input: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: F}}
                  H1: {E: {weight_init: half_kaiming, weight_init_args: [3.0], weight_bounds: [0, null], direction: F}}
              Output:
                E:
                  H1: {E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null], direction: F}}
            training_kwargs: {tau: 3, forward_steps: 15}
            """;

    /// One recorded step: states and activities of H1.E, H1.SomaI, Output.E.
    record Snapshot(double[] sE, double[] aE, double[] sI, double[] aI, double[] sO, double[] aO) {}

    static double[] mv(double[][] w, double[] x) {
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) for (int j = 0; j < x.length; j++) y[i] += w[i][j] * x[j];
        return y;
    }

    static double[] relu(double[] s) {
        double[] a = new double[s.length];
        for (int i = 0; i < s.length; i++) a[i] = Math.max(0, s[i]);
        return a;
    }

    /// s <- s + (I - s)/tau with I = b + sum of inputs.
    static void leak(double[] s, double[] b, double tau, double[]... inputs) {
        for (int i = 0; i < s.length; i++) {
            double in = b[i];
            for (double[] v : inputs) in += v[i];
            s[i] += (in - s[i]) / tau;
        }
    }

    static List<Snapshot> observe(Model model, float[] x) {
        List<Snapshot> out = new ArrayList<>();
        List<Integer> steps = new ArrayList<>();
        model.forward(x, (t, network) -> {
            steps.add(t);
            out.add(snapshot(network));
        });
        assertThat(steps).as("observer called after each step 1..T").hasSize(T);
        for (int t = 1; t <= T; t++) assertThat(steps.get(t - 1)).isEqualTo(t);
        return out;
    }

    static Snapshot snapshot(Network n) {
        var e = n.population("H1.E");
        var i = n.population("H1.SomaI");
        var o = n.population("Output.E");
        return new Snapshot(TestModels.toDouble(e.state), TestModels.toDouble(e.activity), TestModels.toDouble(i.state),
                TestModels.toDouble(i.activity), TestModels.toDouble(o.state), TestModels.toDouble(o.activity));
    }

    static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).hasSize(expected.length);
        for (int k = 0; k < expected.length; k++)
            assertThat(actual[k]).as("%s[%d]", what, k).isCloseTo(expected[k], Offset.offset(TOL * Math.max(1, Math.abs(expected[k]))));
    }

    static void assertTrajectory(List<Snapshot> actual, List<Snapshot> expected) {
        for (int t = 0; t < T; t++) {
            Snapshot a = actual.get(t), e = expected.get(t);
            String at = " at step " + (t + 1);
            assertClose(a.sE(), e.sE(), "H1.E state" + at);
            assertClose(a.aE(), e.aE(), "H1.E activity" + at);
            assertClose(a.sI(), e.sI(), "H1.SomaI state" + at);
            assertClose(a.aI(), e.aI(), "H1.SomaI activity" + at);
            assertClose(a.sO(), e.sO(), "Output.E state" + at);
            assertClose(a.aO(), e.aO(), "Output.E activity" + at);
        }
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    @Test
    void recurrentEILoopFollowsTheReferenceAtEveryStep() {
        Model model = TestModels.build(RECURRENT_LOOP, 2024);
        double[][] wEX = TestModels.weights(model, "H1E_InputE"), wEI = TestModels.weights(model, "H1E_H1SomaI");
        double[][] wIX = TestModels.weights(model, "H1SomaI_InputE"), wIE = TestModels.weights(model, "H1SomaI_H1E");
        double[][] wII = TestModels.weights(model, "H1SomaI_H1SomaI");
        double[][] wOE = TestModels.weights(model, "OutputE_H1E"), wOI = TestModels.weights(model, "OutputE_H1SomaI");
        double[] bE = TestModels.bias(model, "H1E"), bI = TestModels.bias(model, "H1SomaI"), bO = TestModels.bias(model, "OutputE");
        for (int i = 0; i < wII.length; i++) assertThat(wII[i][i]).as("no_autapses diagonal").isZero();

        for (int sample = 0; sample < 3; sample++) {
            float[] xf = TestModels.uniform(50 + sample, 3, 0, 2);
            double[] x = TestModels.toDouble(xf);
            double[] sE = bE.clone(), sI = bI.clone(), sO = bO.clone();
            double[] aE = relu(sE), aI = relu(sI), aO = relu(sO);
            List<Snapshot> ref = new ArrayList<>();
            for (int t = 1; t <= T; t++) {
                double[] pE = aE.clone(), pI = aI.clone();
                leak(sE, bE, 3, mv(wEX, x), mv(wEI, pI));
                aE = relu(sE);
                leak(sI, bI, 2, mv(wIX, x), mv(wIE, pE), mv(wII, pI));
                aI = relu(sI);
                leak(sO, bO, 3, mv(wOE, aE), mv(wOI, aI));
                aO = relu(sO);
                ref.add(new Snapshot(sE.clone(), aE.clone(), sI.clone(), aI.clone(), sO.clone(), aO.clone()));
            }
            List<Snapshot> actual = observe(model, xf);
            assertTrajectory(actual, ref);
            // the dynamics are not trivially converged after one step, and inhibition is active
            assertThat(maxAbsDiff(ref.get(0).aE(), ref.get(T - 1).aE())).isGreaterThan(0.05);
            assertThat(maxAbsDiff(ref.get(T - 1).aI(), new double[3])).isGreaterThan(0.05);
            // the final output is the last step's activity
            assertClose(TestModels.toDouble(model.network().output().activity), ref.get(T - 1).aO(), "output");
        }
    }

    @Test
    void forwardProjectionFromALaterPopulationReadsItsPreviousStepValue() {
        Model model = TestModels.build(FORWARD_LOOP, 77);
        double[][] wEX = TestModels.weights(model, "H1E_InputE"), wEI = TestModels.weights(model, "H1E_H1SomaI");
        double[][] wEO = TestModels.weights(model, "H1E_OutputE");
        double[][] wIX = TestModels.weights(model, "H1SomaI_InputE"), wIE = TestModels.weights(model, "H1SomaI_H1E");
        double[][] wOE = TestModels.weights(model, "OutputE_H1E");
        double[] bE = TestModels.bias(model, "H1E"), bI = TestModels.bias(model, "H1SomaI"), bO = TestModels.bias(model, "OutputE");

        float[] xf = {0.9f, 1.6f, 0.3f};
        double[] x = TestModels.toDouble(xf);
        double[] sE = bE.clone(), sI = bI.clone(), sO = bO.clone();
        double[] aE = relu(sE), aI = relu(sI), aO = relu(sO);
        // the wrong reading (SomaI <- E from the previous step) to show that the distinction is visible
        double[] wrongSI = bI.clone(), wrongAI = relu(wrongSI);
        double wrongGap = 0;
        List<Snapshot> ref = new ArrayList<>();
        for (int t = 1; t <= T; t++) {
            double[] pE = aE.clone(), pI = aI.clone(), pO = aO.clone();
            leak(sE, bE, 3, mv(wEX, x), mv(wEI, pI), mv(wEO, pO));   // SomaI and Output are later: previous step
            aE = relu(sE);
            leak(sI, bI, 2, mv(wIX, x), mv(wIE, aE));                 // E is earlier: this step's value
            aI = relu(sI);
            leak(sO, bO, 3, mv(wOE, aE));
            aO = relu(sO);
            ref.add(new Snapshot(sE.clone(), aE.clone(), sI.clone(), aI.clone(), sO.clone(), aO.clone()));
            leak(wrongSI, bI, 2, mv(wIX, x), mv(wIE, pE));
            wrongAI = relu(wrongSI);
            wrongGap = Math.max(wrongGap, maxAbsDiff(wrongAI, aI));
        }
        assertTrajectory(observe(model, xf), ref);
        assertThat(wrongGap).as("current vs previous H1.E differ visibly in SomaI").isGreaterThan(1e-2);
    }
}

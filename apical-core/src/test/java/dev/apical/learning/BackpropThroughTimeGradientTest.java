package dev.apical.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apical.build.Model;
import dev.apical.dynamics.ForwardDynamics;
import dev.apical.dynamics.Tape;
import dev.apical.learning.optim.Optimizer;
import dev.apical.learning.passes.BackpropThroughTime;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.testing.TestModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// Finite-difference check of [BackpropThroughTime#computeGradients] on a small E/I network with recurrent
/// loops (tau 3, SomaI tau 2, T = 6), for full (Tb = T) and truncated (Tb = 2) back-propagation, with MSE and
/// cross-entropy criteria. The reference is the loss as a function of every parameter, re-implemented here
/// in double precision; gradients are central differences of it.
///
/// Truncation (eiann-spec 4(4), 6.7): steps 1..T-Tb are run with the unperturbed parameters, so the states
/// and activities entering step T-Tb+1 are constants. With Tb = T nothing is truncated and, as in EIANN's
/// PyTorch code (`Population.reinit` does `state += bias` with gradients enabled), the initial state s(0) = b
/// and activity a(0) = f(b) depend on the bias.
///
/// Tolerance: |g - fd| <= 1e-3 * max(|fd|, 1e-2 * max_all|fd|): 1e-3 relative, with a floor at 1e-5 of the
/// largest gradient for components that are nearly zero (the forward pass runs in float32).
class BackpropThroughTimeGradientTest {
    static final int T = 6;

    static String config(String outputActivation, int backwardSteps, String criterion) {
        return """
                layer_config:
                  Input: {E: {size: 3}}
                  H1:
                    E: {size: 4, activation: relu, include_bias: true, bias_learning_rule: BackpropBias}
                    SomaI: {size: 2, activation: relu, tau: 2, include_bias: true}
                  Output: {E: {size: 3, activation: %s, include_bias: true, bias_learning_rule: BackpropBias,
                               bias_learning_rule_kwargs: {learning_rate: 0.05}}}
                projection_config:
                  H1:
                    E:
                      Input: {E: {weight_init: half_kaiming, weight_init_args: [2.5], weight_bounds: [0, null], direction: F,
                                  learning_rule: Backprop}}
                      H1: {SomaI: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [null, 0], direction: R,
                                   learning_rule: null}}
                      Output: {E: {weight_init: half_kaiming, weight_init_args: [1.0], weight_bounds: [0, null], direction: F,
                                   learning_rule: Backprop, learning_rule_kwargs: {learning_rate: 0.02}}}
                    SomaI:
                      Input: {E: {weight_init: half_kaiming, weight_bounds: [0, null], direction: F, learning_rule: null}}
                      H1:
                        E: {weight_init: half_kaiming, weight_init_args: [3.0], weight_bounds: [0, null], direction: F,
                            learning_rule: Backprop}
                        SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], weight_constraint: no_autapses,
                                direction: R, learning_rule: null}
                  Output:
                    E:
                      H1:
                        E: {weight_init: half_kaiming, weight_init_args: [2.0], weight_bounds: [0, null], direction: F,
                            learning_rule: Backprop}
                        SomaI: {weight_init: half_kaiming, weight_bounds: [null, 0], direction: F, learning_rule: Backprop}
                training_kwargs: {tau: 3, forward_steps: 6, backward_steps: %d, learning_rate: 0.1, criterion: %s}
                """.formatted(outputActivation, backwardSteps, criterion);
    }

    static final List<String> WEIGHTS = List.of("H1E_InputE", "H1E_H1SomaI", "H1E_OutputE", "H1SomaI_InputE",
            "H1SomaI_H1E", "H1SomaI_H1SomaI", "OutputE_H1E", "OutputE_H1SomaI");
    static final List<String> BIASES = List.of("H1E.bias", "H1SomaI.bias", "OutputE.bias");

    // ---------------------------------------------------------------- double-precision reference

    /// Parameters of the reference, flattened row-major, by model parameter name.
    record Params(Map<String, double[]> values, Map<String, int[]> shapes) {
        static Params of(Model model) {
            Map<String, double[]> v = new LinkedHashMap<>();
            Map<String, int[]> s = new LinkedHashMap<>();
            model.parameters().forEach((k, a) -> {
                v.put(k, TestModels.toDouble(a));
                s.put(k, model.shape(k));
            });
            return new Params(v, s);
        }

        Params copy() {
            Map<String, double[]> v = new LinkedHashMap<>();
            values.forEach((k, a) -> v.put(k, a.clone()));
            return new Params(v, shapes);
        }

        double[] mv(String w, double[] x) {
            double[] a = values.get(w);
            int rows = shapes.get(w)[0], cols = shapes.get(w)[1];
            double[] y = new double[rows];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) y[i] += a[i * cols + j] * x[j];
            return y;
        }

        double[] b(String pop) {
            return values.get(pop + ".bias");
        }
    }

    static double[] relu(double[] s) {
        double[] a = new double[s.length];
        for (int i = 0; i < s.length; i++) a[i] = Math.max(0, s[i]);
        return a;
    }

    static void leak(double[] s, double[] b, double tau, double[]... inputs) {
        for (int i = 0; i < s.length; i++) {
            double in = b[i];
            for (double[] v : inputs) in += v[i];
            s[i] += (in - s[i]) / tau;
        }
    }

    /// The loss after T steps; steps t <= T - tb use `frozen`, later steps `p`. The initial state s(0) = b is
    /// taken from `p` only when nothing is truncated (tb >= T).
    static double loss(Params p, Params frozen, double[] x, double[] target, int tb, String criterion) {
        Params init = tb >= T ? p : frozen;
        double[] sE = init.b("H1E").clone(), sI = init.b("H1SomaI").clone(), sO = init.b("OutputE").clone();
        double[] aE = relu(sE), aI = relu(sI), aO = output(sO, criterion);
        for (int t = 1; t <= T; t++) {
            Params q = t > T - tb ? p : frozen;
            double[] pE = aE, pI = aI, pO = aO;
            leak(sE, q.b("H1E"), 3, q.mv("H1E_InputE", x), q.mv("H1E_H1SomaI", pI), q.mv("H1E_OutputE", pO));
            aE = relu(sE);
            leak(sI, q.b("H1SomaI"), 2, q.mv("H1SomaI_InputE", x), q.mv("H1SomaI_H1E", aE), q.mv("H1SomaI_H1SomaI", pI));
            aI = relu(sI);
            leak(sO, q.b("OutputE"), 3, q.mv("OutputE_H1E", aE), q.mv("OutputE_H1SomaI", aI));
            aO = output(sO, criterion);
        }
        return criterion(aO, target, criterion);
    }

    /// relu output for MSE; linear output (logits) for cross-entropy.
    static double[] output(double[] s, String criterion) {
        return criterion.equals("MSELoss") ? relu(s) : s.clone();
    }

    static double criterion(double[] y, double[] t, String criterion) {
        if (criterion.equals("MSELoss")) {
            double sum = 0;
            for (int k = 0; k < y.length; k++) sum += (y[k] - t[k]) * (y[k] - t[k]);
            return sum / y.length;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) max = Math.max(max, v);
        double z = 0;
        for (double v : y) z += Math.exp(v - max);
        double logZ = max + Math.log(z);
        double l = 0;
        for (int k = 0; k < y.length; k++) l -= t[k] * (y[k] - logZ);
        return l;
    }

    /// Central differences of the reference for every component of every parameter.
    static Map<String, double[]> finiteDifferences(Params base, double[] x, double[] target, int tb, String criterion) {
        Map<String, double[]> out = new LinkedHashMap<>();
        double h = 1e-6;
        for (String name : base.values().keySet()) {
            double[] g = new double[base.values().get(name).length];
            for (int i = 0; i < g.length; i++) {
                Params plus = base.copy(), minus = base.copy();
                plus.values().get(name)[i] += h;
                minus.values().get(name)[i] -= h;
                g[i] = (loss(plus, base, x, target, tb, criterion) - loss(minus, base, x, target, tb, criterion)) / (2 * h);
            }
            out.put(name, g);
        }
        return out;
    }

    // ---------------------------------------------------------------- the pass under test

    /// Runs the forward pass and [BackpropThroughTime#computeGradients] with gradient buffers for every
    /// weight and bias (fixed ones included, to check the flow through them) and an optimizer that does nothing.
    static Map<String, float[]> gradients(Model model, float[] x, float[] target, int tb) {
        Network network = model.network();
        List<Projection> projections = network.projections();
        float[][] weightGrad = new float[projections.size()][];
        for (int i = 0; i < projections.size(); i++) weightGrad[i] = new float[projections.get(i).weights().length];
        float[][] biasGrad = new float[network.populations().size()][];
        for (Population p : network.populations()) if (p.hasBias()) biasGrad[p.order()] = new float[p.size()];
        ForwardDynamics dynamics = new ForwardDynamics(network, T);
        Tape tape = new Tape(network, T, tb);
        Optimizer none = new Optimizer() {
            @Override public void step() {}
            @Override public String name() { return "none"; }
        };
        BackpropThroughTime pass = new BackpropThroughTime(network, dynamics, tape, model.loss(), none, weightGrad, biasGrad);
        dynamics.run(x, tape, null);
        pass.computeGradients(target);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Population p : network.populations()) if (p.hasBias()) out.put(p.name() + ".bias", biasGrad[p.order()]);
        for (int i = 0; i < projections.size(); i++) out.put(projections.get(i).name(), weightGrad[i]);
        return out;
    }

    static double maxAbs(Map<String, double[]> m) {
        double max = 0;
        for (double[] a : m.values()) for (double v : a) max = Math.max(max, Math.abs(v));
        return max;
    }

    static void assertGradientsMatch(Map<String, float[]> actual, Map<String, double[]> expected, List<String> names) {
        double floor = 1e-2 * maxAbs(expected);
        for (String name : names) {
            double[] fd = expected.get(name);
            float[] g = actual.get(name);
            assertThat(g).as(name).hasSize(fd.length);
            for (int i = 0; i < fd.length; i++) {
                double tol = 1e-3 * Math.max(Math.abs(fd[i]), floor);
                assertThat(Math.abs(g[i] - fd[i])).as("%s[%d]: computed %s, finite difference %s", name, i, g[i], fd[i])
                        .isLessThanOrEqualTo(tol);
            }
        }
    }

    static final float[] X = {0.8f, 1.7f, 0.4f};

    @ParameterizedTest(name = "{0} Tb={1}")
    @CsvSource({"MSELoss, 6, relu", "MSELoss, 2, relu", "CrossEntropyLoss, 6, linear", "CrossEntropyLoss, 2, linear"})
    void weightGradientsMatchFiniteDifferences(String criterion, int tb, String activation) {
        Model model = TestModels.build(config(activation, tb, criterion), 5);
        float[] target = TestModels.oneHot(3, 1);
        Map<String, float[]> g = gradients(model, X, target, tb);
        Map<String, double[]> fd = finiteDifferences(Params.of(model), TestModels.toDouble(X), TestModels.toDouble(target), tb, criterion);
        assertThat(maxAbs(fd)).as("the loss depends on the parameters").isGreaterThan(1e-3);
        assertGradientsMatch(g, fd, WEIGHTS);
    }

    @ParameterizedTest(name = "{0} Tb={1}")
    @CsvSource({"MSELoss, 2, relu", "CrossEntropyLoss, 2, linear"})
    void truncatedBiasGradientsMatchFiniteDifferences(String criterion, int tb, String activation) {
        Model model = TestModels.build(config(activation, tb, criterion), 5);
        float[] target = TestModels.oneHot(3, 2);
        Map<String, float[]> g = gradients(model, X, target, tb);
        Map<String, double[]> fd = finiteDifferences(Params.of(model), TestModels.toDouble(X), TestModels.toDouble(target), tb, criterion);
        assertGradientsMatch(g, fd, BIASES);
    }

    /// Full BPTT (Tb = T): EIANN differentiates through s(0) = b and a(0) = f(b) as well.
    @ParameterizedTest(name = "{0} Tb={1}")
    @CsvSource({"MSELoss, 6, relu", "CrossEntropyLoss, 6, linear"})
    void fullBiasGradientsIncludeTheInitialState(String criterion, int tb, String activation) {
        Model model = TestModels.build(config(activation, tb, criterion), 5);
        float[] target = TestModels.oneHot(3, 2);
        Map<String, float[]> g = gradients(model, X, target, tb);
        Map<String, double[]> fd = finiteDifferences(Params.of(model), TestModels.toDouble(X), TestModels.toDouble(target), tb, criterion);
        assertGradientsMatch(g, fd, BIASES);
    }

    /// Truncation changes the gradient: the Tb = 2 gradient of the input weights is not the full one.
    @Test
    void truncationDropsEarlyStepContributions() {
        Model full = TestModels.build(config("relu", T, "MSELoss"), 5);
        Model truncated = TestModels.build(config("relu", 2, "MSELoss"), 5);
        float[] target = TestModels.oneHot(3, 1);
        float[] gFull = gradients(full, X, target, T).get("H1E_InputE");
        float[] gTrunc = gradients(truncated, X, target, 2).get("H1E_InputE");
        double diff = 0, norm = 0;
        for (int i = 0; i < gFull.length; i++) {
            diff = Math.max(diff, Math.abs(gFull[i] - gTrunc[i]));
            norm = Math.max(norm, Math.abs(gFull[i]));
        }
        assertThat(norm).isGreaterThan(1e-4);
        assertThat(diff).isGreaterThan(0.05 * norm);
    }

    /// One training step applies W <- clamp(W - lr * dL/dW) with each rule's own learning rate to the trained
    /// parameters (then the Dale clamp), and leaves fixed ones untouched even though gradients flow through them.
    /// Tolerance 1e-6 absolute (the same float32 computation, up to summation order).
    @Test
    void sgdStepAppliesMinusLearningRateTimesGradient() {
        Model model = TestModels.build(config("relu", 3, "MSELoss"), 5);
        float[] target = TestModels.oneHot(3, 0);
        Map<String, float[]> g = gradients(model, X, target, 3);
        Map<String, float[]> before = TestModels.copyParameters(model);
        model.trainStep(X, target, 0);
        Map<String, Double> lr = Map.of("H1E_InputE", 0.1, "H1E_OutputE", 0.02, "H1SomaI_H1E", 0.1, "OutputE_H1E", 0.1,
                "OutputE_H1SomaI", 0.1, "H1E.bias", 0.1, "OutputE.bias", 0.05);
        int moved = 0;
        for (String name : before.keySet()) {
            float[] w0 = before.get(name), w1 = model.parameters().get(name), gi = g.get(name);
            var bounds = name.endsWith(".bias") ? dev.apical.spec.Bounds.NONE : model.network().projection(name).bounds();
            for (int i = 0; i < w0.length; i++) {
                double expected = lr.containsKey(name) ? w0[i] - lr.get(name) * gi[i] : w0[i];
                expected = Math.min(Math.max(expected, bounds.lo()), bounds.hi());
                assertThat((double) w1[i]).as("%s[%d]", name, i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
                if (w1[i] != w0[i]) moved++;
            }
            if (!lr.containsKey(name)) assertThat(w1).as(name + " is fixed").containsExactly(w0);
        }
        assertThat(moved).isGreaterThan(10);
    }
}

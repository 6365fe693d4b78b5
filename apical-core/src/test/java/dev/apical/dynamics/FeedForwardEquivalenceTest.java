package dev.apical.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apical.build.Model;
import dev.apical.testing.TestModels;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/// With tau = 1, forward_steps = 1 and only forward projections, the leaky dynamics reduce to an ordinary
/// MLP: y = f2(W2 relu(W1 x + b1) + b2) (eiann-spec 4, "Consequence"). The reference is computed here in
/// double precision from the model's own parameters.
///
/// Tolerance: |y - ref| <= 1e-6 * max(1, |ref|), i.e. 1e-6 relative for outputs of magnitude >= 1 and
/// 1e-6 absolute below (float32 rounding of 4-term dot products of O(1) values is ~3e-7).
class FeedForwardEquivalenceTest {
    static final double TOL = 1e-6;

    static String mlp(String outputActivation) {
        return """
                layer_config:
                  Input: {E: {size: 4}}
                  H1: {E: {size: 6, activation: relu, include_bias: true}}
                  Output: {E: {size: 5, %s, include_bias: true}}
                projection_config:
                  H1:
                    E:
                      Input: {E: {weight_init: scaled_kaiming, weight_init_args: !!python/tuple [2.0], direction: F}}
                  Output:
                    E:
                      H1: {E: {weight_init: scaled_kaiming, weight_init_args: [2.0], direction: F}}
                training_kwargs: {tau: 1, forward_steps: 1}
                """.formatted(outputActivation);
    }

    static double[] affine(double[][] w, double[] x, double[] b) {
        double[] y = b.clone();
        for (int i = 0; i < w.length; i++) for (int j = 0; j < x.length; j++) y[i] += w[i][j] * x[j];
        return y;
    }

    static double[] map(double[] s, DoubleUnaryOperator f) {
        double[] a = new double[s.length];
        for (int i = 0; i < s.length; i++) a[i] = f.applyAsDouble(s[i]);
        return a;
    }

    static double relu(double s) {
        return Math.max(s, 0);
    }

    static double[] softmax(double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s) max = Math.max(max, v);
        double sum = 0;
        double[] a = new double[s.length];
        for (int i = 0; i < s.length; i++) sum += a[i] = Math.exp(s[i] - max);
        for (int i = 0; i < s.length; i++) a[i] /= sum;
        return a;
    }

    /// The reference output activation, named as in the YAML line used for the model.
    static double[] outputActivation(String name, double[] s) {
        return switch (name) {
            case "linear" -> s.clone();
            case "relu" -> map(s, FeedForwardEquivalenceTest::relu);
            case "softmax" -> softmax(s);
            case "sigmoid" -> map(s, v -> 1 / (1 + Math.exp(-v)));
            case "tanh" -> map(s, Math::tanh);
            // beta = 2, threshold = 0.5: beta*s > 0.5 returns s itself (torch semantics)
            case "softplus" -> map(s, v -> 2 * v > 0.5 ? v : Math.log1p(Math.exp(2 * v)) / 2);
            case "srelu" -> map(s, v -> Math.min(Math.max(v, -0.2), 0.3));
            case "polynomial" -> map(s, v -> 1.5 * Math.pow(Math.max(v, 0), 3));
            default -> throw new IllegalArgumentException(name);
        };
    }

    static void assertClose(float[] actual, double[] expected) {
        assertThat(actual).hasSize(expected.length);
        for (int k = 0; k < expected.length; k++)
            assertThat((double) actual[k]).as("output %d", k)
                    .isCloseTo(expected[k], org.assertj.core.data.Offset.offset(TOL * Math.max(1, Math.abs(expected[k]))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "linear     | activation: linear",
            "relu       | activation: relu",
            "softmax    | activation: softmax",
            "sigmoid    | activation: sigmoid",
            "tanh       | activation: tanh",
            "softplus   | 'activation: softplus, activation_kwargs: {beta: 2, threshold: 0.5}'",
            "srelu      | 'activation: srelu, activation_kwargs: {min: -0.2, max: 0.3}'",
            "polynomial | 'activation: polynomial, activation_kwargs: {a: 1.5, n: 3}'"})
    void forwardEqualsPlainMlp(String name, String activationYaml) {
        Model model = TestModels.build(mlp(activationYaml), 1234);
        double[][] w1 = TestModels.weights(model, "H1E_InputE");
        double[][] w2 = TestModels.weights(model, "OutputE_H1E");
        double[] b1 = TestModels.bias(model, "H1E");
        double[] b2 = TestModels.bias(model, "OutputE");
        // the biases were initialised (scaled_kaiming), so they take part in the comparison
        assertThat(java.util.Arrays.stream(b1).anyMatch(v -> v != 0)).isTrue();
        int nonTrivial = 0;
        for (int sample = 0; sample < 20; sample++) {
            float[] x = TestModels.uniform(100 + sample, 4, -1.5, 1.5);
            model.forward(x);
            double[] h = map(affine(w1, TestModels.toDouble(x), b1), FeedForwardEquivalenceTest::relu);
            double[] y = outputActivation(name, affine(w2, h, b2));
            assertClose(model.network().output().activity, y);
            for (double v : y) if (Math.abs(v) > 1e-3) nonTrivial++;
        }
        // the comparison is not vacuous: most outputs are away from zero
        assertThat(nonTrivial).isGreaterThan(20);
    }

    /// Repeated passes restart from s = b (Q6, Q14): the second of two different samples matches the MLP.
    @Test
    void eachForwardStartsFromTheBias() {
        Model model = TestModels.build(mlp("activation: relu"), 7);
        float[] x1 = {1f, -1f, 0.5f, 2f};
        float[] x2 = {-0.3f, 0.8f, -1.2f, 0.1f};
        model.forward(x1);
        float[] first = model.network().output().activity.clone();
        model.forward(x2);
        model.forward(x1);
        assertThat(model.network().output().activity).containsExactly(first);
        double[] h = map(affine(TestModels.weights(model, "H1E_InputE"), TestModels.toDouble(x2), TestModels.bias(model, "H1E")),
                FeedForwardEquivalenceTest::relu);
        double[] y = map(affine(TestModels.weights(model, "OutputE_H1E"), h, TestModels.bias(model, "OutputE")),
                FeedForwardEquivalenceTest::relu);
        model.forward(x2);
        assertClose(model.network().output().activity, y);
    }

    /// With T = 1 a recurrent projection only sees the initial activity f(b) of its presynaptic population
    /// (eiann-spec 4): here H1.E additionally receives Output.E's f(b_out) = relu(b_out) through an R projection.
    @Test
    void recurrentProjectionSeesInitialActivityWhenOneStep() {
        String yaml = """
                layer_config:
                  Input: {E: {size: 3}}
                  H1: {E: {size: 4, activation: relu, include_bias: true}}
                  Output: {E: {size: 3, activation: relu, include_bias: true, bias_init: uniform_, bias_init_args: [0.2, 0.9]}}
                projection_config:
                  H1:
                    E:
                      Input: {E: {weight_init: scaled_kaiming, direction: F}}
                      Output: {E: {weight_init: scaled_kaiming, weight_init_args: [3.0], direction: R}}
                  Output:
                    E:
                      H1: {E: {weight_init: scaled_kaiming, direction: F}}
                training_kwargs: {tau: 1, forward_steps: 1}
                """;
        Model model = TestModels.build(yaml, 99);
        double[] bOut = TestModels.bias(model, "OutputE");
        for (double v : bOut) assertThat(v).isBetween(0.2, 0.9);
        float[] x = {0.4f, -0.7f, 1.1f};
        double[] in = affine(TestModels.weights(model, "H1E_InputE"), TestModels.toDouble(x), TestModels.bias(model, "H1E"));
        double[] fb = affine(TestModels.weights(model, "H1E_OutputE"), map(bOut, FeedForwardEquivalenceTest::relu), new double[4]);
        double[] h = new double[4];
        for (int i = 0; i < 4; i++) h[i] = relu(in[i] + fb[i]);
        double[] y = map(affine(TestModels.weights(model, "OutputE_H1E"), h, bOut), FeedForwardEquivalenceTest::relu);
        model.forward(x);
        assertClose(model.network().population("H1.E").activity, h);
        assertClose(model.network().output().activity, y);
        // the recurrent input matters for this sample (otherwise the test would not distinguish the cases)
        double maxFb = 0;
        for (double v : fb) maxFb = Math.max(maxFb, Math.abs(v));
        assertThat(maxFb).isGreaterThan(0.05);
    }
}

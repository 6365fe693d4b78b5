package dev.apical.learning.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/// Adam against torch.optim.Adam's update written out in double precision:
/// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps),
/// with g += wd * p first when weight decay is set. Tolerance: 1e-6 relative to max(1, |p|) (float32 state).
class AdamTest {
    static final double[][] GRADS = {{0.5, -1.0, 2e-3}, {0.4, 0.9, -3e-3}, {-0.2, -1.5, 1e-3}, {0.1, 0.0, 2e-3},
            {1.0, 0.3, -1e-3}};

    /// Runs `GRADS.length` steps of the reference from `p0` and returns every step's parameters.
    static double[][] reference(double[] p0, double lr, double b1, double b2, double eps, double wd) {
        double[] p = p0.clone(), m = new double[p.length], v = new double[p.length];
        double[][] out = new double[GRADS.length][];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[t - 1][i] + wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double denom = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                p[i] -= lr / (1 - Math.pow(b1, t)) * m[i] / denom;
            }
            out[t - 1] = p.clone();
        }
        return out;
    }

    static void check(double lr, double b1, double b2, double eps, double wd) {
        float[] w = {0.3f, -0.7f, 1.2f};
        float[] g = new float[3];
        double[] p0 = {w[0], w[1], w[2]};
        Adam adam = new Adam(List.of(new Parameter("w", w, g, lr)), b1, b2, eps, wd);
        double[][] ref = reference(p0, lr, b1, b2, eps, wd);
        for (int t = 0; t < GRADS.length; t++) {
            for (int i = 0; i < 3; i++) g[i] = (float) GRADS[t][i];
            adam.step();
            for (int i = 0; i < 3; i++)
                assertThat((double) w[i]).as("step %d, element %d", t + 1, i)
                        .isCloseTo(ref[t][i], Offset.offset(1e-6 * Math.max(1, Math.abs(ref[t][i]))));
        }
    }

    @Test
    void torchDefaults() {
        check(0.01, 0.9, 0.999, 1e-8, 0);
    }

    /// The first step of Adam moves each element by lr * sign(g) (bias correction makes m/sqrt(v) = g/|g|).
    @Test
    void firstStepIsLearningRateTimesSign() {
        float[] w = {0.3f, -0.7f, 1.2f};
        float[] g = {0.5f, -1.0f, 2e-3f};
        new Adam(List.of(new Parameter("w", w, g, 0.01)), 0.9, 0.999, 1e-8, 0).step();
        assertThat((double) w[0]).isCloseTo(0.29, Offset.offset(1e-6));
        assertThat((double) w[1]).isCloseTo(-0.69, Offset.offset(1e-6));
        assertThat((double) w[2]).isCloseTo(1.19, Offset.offset(1e-5));   // eps/|g| = 5e-6 relative
    }

    @Test
    void otherBetasEpsAndWeightDecay() {
        check(0.05, 0.8, 0.99, 1e-3, 0.01);
    }

    /// Each parameter group uses its own learning rate; zero gradients leave a fresh parameter unchanged.
    @Test
    void perParameterLearningRates() {
        float[] a = {1f}, ga = {0.5f};
        float[] b = {1f}, gb = {0.5f};
        float[] c = {1f}, gc = {0f};
        Adam adam = new Adam(List.of(new Parameter("a", a, ga, 0.1), new Parameter("b", b, gb, 0.001),
                new Parameter("c", c, gc, 0.1)), 0.9, 0.999, 1e-8, 0);
        adam.step();
        assertThat((double) a[0]).isCloseTo(0.9, Offset.offset(1e-6));
        assertThat((double) b[0]).isCloseTo(0.999, Offset.offset(1e-6));
        assertThat(c[0]).isEqualTo(1f);
    }
}

package dev.apical.learning.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/// SGD against torch.optim.SGD (dampening 0, no Nesterov): g += wd * p; with momentum mu the buffer is
/// v = g on the first step and v = mu v + g afterwards; p -= lr * v (p -= lr * g without momentum).
/// Tolerance: 1e-6 absolute (float32 parameters of magnitude ~1).
class SgdTest {
    static final double[][] GRADS = {{0.5, -1.0}, {0.4, 0.9}, {-0.2, -1.5}, {0.1, 0.0}};

    static void check(double lr, double mu, double wd) {
        float[] w = {0.3f, -0.7f};
        float[] g = new float[2];
        Sgd sgd = new Sgd(List.of(new Parameter("w", w, g, lr)), mu, wd);
        double[] p = {w[0], w[1]}, v = new double[2];
        for (int t = 0; t < GRADS.length; t++) {
            for (int i = 0; i < 2; i++) {
                g[i] = (float) GRADS[t][i];
                double gi = GRADS[t][i] + wd * p[i];
                v[i] = t == 0 ? gi : mu * v[i] + gi;
                p[i] -= lr * (mu != 0 ? v[i] : gi);
            }
            sgd.step();
            for (int i = 0; i < 2; i++)
                assertThat((double) w[i]).as("step %d, element %d", t + 1, i).isCloseTo(p[i], Offset.offset(1e-6));
        }
    }

    @Test
    void plainSgd() {
        check(0.1, 0, 0);
    }

    /// Hand-computed: lr 0.1, momentum 0.9, g = 0.5, 0.4: p1 = 0.3 - 0.05 = 0.25; v2 = 0.45 + 0.4 = 0.85,
    /// p2 = 0.25 - 0.085 = 0.165.
    @Test
    void momentumFirstStepUsesTheGradient() {
        float[] w = {0.3f};
        float[] g = {0.5f};
        Sgd sgd = new Sgd(List.of(new Parameter("w", w, g, 0.1)), 0.9, 0);
        sgd.step();
        assertThat((double) w[0]).isCloseTo(0.25, Offset.offset(1e-7));
        g[0] = 0.4f;
        sgd.step();
        assertThat((double) w[0]).isCloseTo(0.165, Offset.offset(1e-7));
    }

    @Test
    void momentumSequence() {
        check(0.05, 0.9, 0);
    }

    @Test
    void weightDecayWithAndWithoutMomentum() {
        check(0.1, 0, 0.01);
        check(0.1, 0.5, 0.01);
    }

    /// Each parameter group uses its own learning rate.
    @Test
    void perParameterLearningRates() {
        float[] a = {1f}, ga = {2f};
        float[] b = {1f}, gb = {2f};
        new Sgd(List.of(new Parameter("a", a, ga, 0.1), new Parameter("b", b, gb, 0.01)), 0, 0).step();
        assertThat((double) a[0]).isCloseTo(0.8, Offset.offset(1e-7));
        assertThat((double) b[0]).isCloseTo(0.98, Offset.offset(1e-7));
    }
}

package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;

/// Oja's rule (EIANN `Ojas_rule`): Hebbian growth with a decay that keeps each weight row bounded,
///
/// ΔW_ij = η · (y_i x_j − y_i² W_ij)
///
/// with y = clip(post, 0, 1) and x = clip(pre, 0, 1): the rates after the backward phase (a_post; a_pre, or
/// prev_pre for recurrent projections), or with `forward_only` the forward-phase rates (a^f_post; a^f_pre, or
/// a^f_pre(T−1) for recurrent projections). Each row converges towards the first principal component of its
/// input. Kwargs: forward_only = false. Oja, E. (1982), "Simplified neuron model as a principal component
/// analyzer", J. Math. Biol. 15:267–273.
public final class OjaRule implements LocalRule {
    private final double learningRate;
    private final boolean forwardOnly;
    private float[] post, pre;

    public OjaRule(RuleContext ctx) {
        this.learningRate = ctx.learningRate();
        this.forwardOnly = ctx.kwargs().getBoolean("forward_only", false);
    }

    @Override public String name() { return "Ojas_rule"; }
    @Override public double learningRate() { return learningRate; }
    @Override public BackwardPass.Factory backwardPass() { return null; }

    @Override
    public void step(Projection p, StepContext context) {
        if (post == null) {
            post = new float[p.rows()];
            pre = new float[p.cols()];
        }
        Kernels.clampInto(forwardOnly ? p.post().forwardActivity : p.post().activity, 0f, 1f, post);
        Kernels.clampInto(forwardOnly ? p.forwardPresynaptic() : p.presynaptic(), 0f, 1f, pre);
        float lr = (float) learningRate;
        float[] w = p.weights();
        int cols = p.cols();
        for (int i = 0; i < post.length; i++) {
            float y = post[i];
            if (y == 0f) continue;
            float y2 = y * y;
            int off = i * cols;
            for (int j = 0; j < cols; j++) w[off + j] += lr * (y * pre[j] - y2 * w[off + j]);
        }
    }
}

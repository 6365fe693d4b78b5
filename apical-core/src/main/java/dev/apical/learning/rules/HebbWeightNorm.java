package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.RankOneRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;

/// Hebbian rule, usually followed by `normalize_weight` (EIANN `Hebb_WeightNorm` and `Hebb_WeightNorm_4`):
///
/// ΔW = sign · η · post ⊗ pre
///
/// with post = a_post and pre = a_pre (prev_pre for recurrent) after the backward phase, or their forward-phase
/// values with `forward_only` (a^f_post, and a^f_pre or a^f_pre(T−1)). `Hebb_WeightNorm` uses the rates as they
/// are (Q3); `Hebb_WeightNorm_4` clips both factors to [0, 1]. Used for E → DendI and DendI → DendI weights
/// in the dendritic models. Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class HebbWeightNorm implements RankOneRule {
    private final String name;
    private final double learningRate;
    private final double sign;
    private final boolean forwardOnly;
    private final boolean clipped;
    private float[] post;
    private float[] pre;

    private HebbWeightNorm(String name, RuleContext ctx, boolean clipped) {
        this.name = name;
        this.learningRate = ctx.learningRate();
        this.sign = ctx.kwargs().getDouble("sign", 1);
        this.forwardOnly = ctx.kwargs().getBoolean("forward_only", false);
        this.clipped = clipped;
    }

    /// EIANN `Hebb_WeightNorm` (factors not clipped).
    public static HebbWeightNorm plain(RuleContext ctx) {
        return new HebbWeightNorm("Hebb_WeightNorm", ctx, false);
    }

    /// EIANN `Hebb_WeightNorm_4` (factors clipped to [0, 1]).
    public static HebbWeightNorm clipped(RuleContext ctx) {
        return new HebbWeightNorm("Hebb_WeightNorm_4", ctx, true);
    }

    @Override public String name() { return name; }
    @Override public double learningRate() { return learningRate; }
    @Override public BackwardPass.Factory backwardPass() { return null; }

    @Override
    public void step(Projection p, StepContext context) {
        if (pre == null) {
            pre = new float[p.cols()];
            post = new float[p.rows()];
        }
        float[] a = forwardOnly ? p.post().forwardActivity : p.post().activity;
        float[] b = forwardOnly ? p.forwardPresynaptic() : p.presynaptic();
        if (clipped) {
            Kernels.clampInto(a, 0f, 1f, post);
            Kernels.clampInto(b, 0f, 1f, pre);
            a = post;
            b = pre;
        }
        float lr = (float) learningRate;
        float lo = (float) p.bounds().lo(), hi = (float) p.bounds().hi();
        p.addScaledOuterClamped(sign > 0 ? lr : -lr, a, b, lo, hi);
    }
}

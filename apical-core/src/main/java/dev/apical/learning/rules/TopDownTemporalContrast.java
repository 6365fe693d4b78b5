package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;

/// Temporally contrastive Hebbian learning of top-down weights B (post = lower-layer population, pre =
/// upper-layer population), relying on another rule's backward phase to change the upper layer's activity
/// (EIANN `Top_Down_Hebbian_Temporal_Contrast_1` and `_3`). With Δ_pre = clip(a_pre − a^f_pre, −1, 1), the
/// change of the upper layer's rate during the nudge:
///
/// * `_1` with `forward_only`: ΔB = η · clip(a^f_post, 0, 1) ⊗ Δ_pre
/// * `_1` otherwise: ΔB = η · (clip(a_post, 0, 1) ⊗ clip(a_pre, 0, 1) − clip(a^f_post, 0, 1) ⊗ clip(a^f_pre, 0, 1))
/// * `_3`: ΔB = η · clip(a_post, 0, 1) ⊗ Δ_pre
///
/// Since Δ_pre approximates the upper layer's plateau, ΔB tracks the transpose of the forward update
/// (Kolen-Pollack-like alignment). Defined for forward projections only (bug B3); refused on recurrent ones.
/// Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class TopDownTemporalContrast implements LocalRule {
    private enum Variant { FORWARD_POST, CONTRAST, BACKWARD_POST }

    private final String name;
    private final double learningRate;
    private final Variant variant;
    private float[] post, pre, forwardPost, forwardPre;

    private TopDownTemporalContrast(String name, RuleContext ctx, Variant variant) {
        ctx.requireForwardProjection(name);
        this.name = name;
        this.learningRate = ctx.learningRate();
        this.variant = variant;
    }

    /// EIANN `Top_Down_Hebbian_Temporal_Contrast_1` (kwarg forward_only = false).
    public static TopDownTemporalContrast first(RuleContext ctx) {
        boolean forwardOnly = ctx.kwargs().getBoolean("forward_only", false);
        return new TopDownTemporalContrast("Top_Down_Hebbian_Temporal_Contrast_1", ctx,
                forwardOnly ? Variant.FORWARD_POST : Variant.CONTRAST);
    }

    /// EIANN `Top_Down_Hebbian_Temporal_Contrast_3` (no kwargs besides learning_rate).
    public static TopDownTemporalContrast third(RuleContext ctx) {
        return new TopDownTemporalContrast("Top_Down_Hebbian_Temporal_Contrast_3", ctx, Variant.BACKWARD_POST);
    }

    @Override public String name() { return name; }
    @Override public double learningRate() { return learningRate; }
    @Override public BackwardPass.Factory backwardPass() { return null; }

    @Override
    public void step(Projection p, StepContext context) {
        if (post == null) {
            post = new float[p.rows()];
            forwardPost = new float[p.rows()];
            pre = new float[p.cols()];
            forwardPre = new float[p.cols()];
        }
        float lr = (float) learningRate;
        float[] a = p.pre().activity, af = p.pre().forwardActivity;
        switch (variant) {
            case FORWARD_POST, BACKWARD_POST -> {
                Kernels.clampInto(variant == Variant.FORWARD_POST ? p.post().forwardActivity : p.post().activity, 0f, 1f, post);
                for (int j = 0; j < pre.length; j++) pre[j] = Math.min(Math.max(a[j] - af[j], -1f), 1f);
                Kernels.addScaledOuter(lr, post, pre, p.weights(), p.rows(), p.cols());
            }
            case CONTRAST -> {
                Kernels.clampInto(p.post().activity, 0f, 1f, post);
                Kernels.clampInto(p.post().forwardActivity, 0f, 1f, forwardPost);
                Kernels.clampInto(a, 0f, 1f, pre);
                Kernels.clampInto(af, 0f, 1f, forwardPre);
                Kernels.addScaledOuterDifference(lr, post, pre, forwardPost, forwardPre, p.weights(), p.rows(), p.cols());
            }
        }
    }
}

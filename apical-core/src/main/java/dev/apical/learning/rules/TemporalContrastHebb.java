package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.ReequilibrationPass;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;

/// Supervised temporally contrastive Hebbian rule (EIANN `Hebbian_Temporal_Contrast`, "TCH"):
///
/// ΔW = η · (b_post ⊗ b_pre − f_post ⊗ f_pre)
///
/// with f = clip(a^f, 0, 1) the forward-phase rates and b = clip(a, 0, 1) the rates after the backward phase;
/// with the relu gate b_post,i = 0 where f_post,i = 0. The backward phase is the one of `BP_like_2L`, which
/// EIANN's class inherits ([ReequilibrationPass]): the output is nudged towards the target and hidden layers
/// by their dendritic state while the network re-equilibrates, so the contrast between the nudged and the
/// free phase carries the error, as in contrastive Hebbian learning (Xie & Seung 2003). Kwargs:
/// max_pop_fraction = 1 (in [0, 1]), stochastic = false, relu_gate = true. Defined for forward projections
/// only (EIANN reads a missing attribute for recurrent ones, bug B3); refused on recurrent ones.
/// Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class TemporalContrastHebb implements LocalRule, PlateauRule {
    private final double learningRate;
    private final double maxPopFraction;
    private final boolean stochastic;
    private final boolean reluGate;
    private float[] backwardPost, forwardPost, backwardPre, forwardPre;

    public TemporalContrastHebb(RuleContext ctx) {
        ctx.requireForwardProjection("Hebbian_Temporal_Contrast");
        this.learningRate = ctx.learningRate();
        this.maxPopFraction = EquilibratedTargetPropagation.maxPopFraction(ctx, 1.0);
        this.stochastic = ctx.kwargs().getBoolean("stochastic", false);
        this.reluGate = ctx.kwargs().getBoolean("relu_gate", true);
    }

    @Override public String name() { return "Hebbian_Temporal_Contrast"; }
    @Override public double learningRate() { return learningRate; }
    @Override public double maxPopFraction() { return maxPopFraction; }
    @Override public boolean stochastic() { return stochastic; }
    @Override public boolean reluGate() { return reluGate; }
    @Override public BackwardPass.Factory backwardPass() { return ReequilibrationPass.TARGET_PROPAGATION; }

    @Override
    public void step(Projection p, StepContext context) {
        if (backwardPost == null) {
            backwardPost = new float[p.rows()];
            forwardPost = new float[p.rows()];
            backwardPre = new float[p.cols()];
            forwardPre = new float[p.cols()];
        }
        Kernels.clampInto(p.post().forwardActivity, 0f, 1f, forwardPost);
        Kernels.clampInto(p.post().activity, 0f, 1f, backwardPost);
        if (reluGate) for (int i = 0; i < backwardPost.length; i++) if (forwardPost[i] == 0f) backwardPost[i] = 0f;
        Kernels.clampInto(p.pre().forwardActivity, 0f, 1f, forwardPre);
        Kernels.clampInto(p.pre().activity, 0f, 1f, backwardPre);
        Kernels.addScaledOuterDifference((float) learningRate, backwardPost, backwardPre, forwardPost, forwardPre,
                p.weights(), p.rows(), p.cols());
    }
}

package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.RankOneRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;
import dev.apical.spec.ConfigException;

/// Dendritic-loss rule for dendrite-targeting inhibition (EIANN `DendriticLoss_6`):
///
/// ΔW = sign · η · clip(d^f_post, −1, 1) ⊗ clip(a^f_pre, 0, 1)
///
/// with d^f the unclipped forward dendritic state of the postsynaptic population and a^f_pre the forward
/// presynaptic rate (rate at step T−1 for recurrent projections). With sign −1 on DendI → E weights it drives
/// the forward dendritic state towards zero, so that the backward dendritic state carries only the top-down
/// difference. Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class DendriticLoss implements RankOneRule {
    private final double learningRate;
    private final double sign;
    private float[] post;
    private float[] pre;

    public DendriticLoss(RuleContext ctx) {
        this.learningRate = ctx.learningRate();
        this.sign = ctx.kwargs().getDouble("sign", 1);
        if (ctx.projection() != null && !ctx.projection().post().hasDendrite())
            throw new ConfigException(ctx.at(), "learning rule 'DendriticLoss_6' needs a postsynaptic population with dendritic "
                    + "input; " + ctx.projection().post().id() + " has no projection with compartment: dend.");
    }

    @Override public String name() { return "DendriticLoss_6"; }
    @Override public double learningRate() { return learningRate; }
    @Override public BackwardPass.Factory backwardPass() { return null; }

    @Override
    public void step(Projection p, StepContext context) {
        if (pre == null) {
            pre = new float[p.cols()];
            post = new float[p.rows()];
        }
        Kernels.clampInto(p.post().forwardDendriticState(), -1f, 1f, post);
        Kernels.clampInto(p.forwardPresynaptic(), 0f, 1f, pre);
        p.addScaledOuterClamped((float) (sign * learningRate), post, pre, (float) p.bounds().lo(), (float) p.bounds().hi());
    }
}

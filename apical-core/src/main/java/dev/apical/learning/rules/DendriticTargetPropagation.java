package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.RankOneRule;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.DendriticNudgePass;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;
import dev.apical.spec.ConfigException;

/// Dendritic target propagation (EIANN `BP_like_2E`; "LDS" in the paper), and dendritic temporal contrast
/// (EIANN `BP_like_1E`) with the same weight update:
///
/// ΔW = η · plateau_post ⊗ clip(a^f_pre, 0, 1)
///
/// where `plateau_post` is set by [DendriticNudgePass] (the clipped backward dendritic state for `BP_like_2E`,
/// clip(d − d^f, −1, 1) for `BP_like_1E`) and a^f_pre is the forward presynaptic rate (the rate at step T−1
/// for recurrent projections). Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599;
/// temporal contrast: Chennawar et al., "Biologically plausible deep learning by dendritic gating of plasticity".
public final class DendriticTargetPropagation implements RankOneRule, PlateauRule {
    private final String name;
    private final double learningRate;
    private final double maxPopFraction;
    private final boolean stochastic;
    private final boolean reluGate;
    private final BackwardPass.Factory pass;
    private float[] pre;

    private DendriticTargetPropagation(String name, RuleContext ctx, BackwardPass.Factory pass) {
        this.name = name;
        this.learningRate = ctx.learningRate();
        this.maxPopFraction = ctx.kwargs().getDouble("max_pop_fraction", 1.0);
        this.stochastic = ctx.kwargs().getBoolean("stochastic", false);
        this.reluGate = ctx.kwargs().getBoolean("relu_gate", false);
        this.pass = pass;
        if (!(maxPopFraction >= 0 && maxPopFraction <= 1))
            throw new ConfigException(ctx.kwargs().at("max_pop_fraction"), "max_pop_fraction must be in [0, 1]; found " + maxPopFraction + ".");
    }

    /// EIANN `BP_like_2E`.
    public static DendriticTargetPropagation targetPropagation(RuleContext ctx) {
        return new DendriticTargetPropagation("BP_like_2E", ctx, DendriticNudgePass.TARGET_PROPAGATION);
    }

    /// EIANN `BP_like_1E`.
    public static DendriticTargetPropagation temporalContrast(RuleContext ctx) {
        return new DendriticTargetPropagation("BP_like_1E", ctx, DendriticNudgePass.TEMPORAL_CONTRAST);
    }

    @Override public String name() { return name; }
    @Override public double learningRate() { return learningRate; }
    @Override public double maxPopFraction() { return maxPopFraction; }
    @Override public boolean stochastic() { return stochastic; }
    @Override public boolean reluGate() { return reluGate; }
    @Override public BackwardPass.Factory backwardPass() { return pass; }

    @Override
    public void step(Projection p, StepContext context) {
        if (pre == null) pre = new float[p.cols()];
        Kernels.clampInto(p.forwardPresynaptic(), 0f, 1f, pre);
        p.addScaledOuterClamped((float) learningRate, p.post().plateau(), pre, (float) p.bounds().lo(), (float) p.bounds().hi());
    }
}

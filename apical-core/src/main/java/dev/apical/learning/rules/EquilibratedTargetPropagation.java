package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.ReequilibrationPass;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;
import dev.apical.spec.ConfigException;

/// Dendritic target propagation with re-equilibration during the nudge (EIANN `BP_like_2L`):
///
/// ΔW = η · plateau_post ⊗ clip(pre, 0, 1)
///
/// where `plateau_post` is set by [ReequilibrationPass] at the first backward iteration (output: the clipped
/// error; hidden: the clipped dendritic state), and pre is the presynaptic rate after the backward phase
/// (a_pre, or prev_pre for recurrent projections; Q11). With `forward_only` pre is the forward-phase rate
/// instead (a^f_pre, or a^f_pre(T−1) for recurrent projections), while the backward phase still
/// re-equilibrates. Kwargs: max_pop_fraction = 1 (in [0, 1]), stochastic = false, relu_gate = false,
/// forward_only = false. Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class EquilibratedTargetPropagation implements LocalRule, PlateauRule {
    private final double learningRate;
    private final double maxPopFraction;
    private final boolean stochastic;
    private final boolean reluGate;
    private final boolean forwardOnly;
    private float[] pre;

    public EquilibratedTargetPropagation(RuleContext ctx) {
        this.learningRate = ctx.learningRate();
        this.maxPopFraction = maxPopFraction(ctx, 1.0);
        this.stochastic = ctx.kwargs().getBoolean("stochastic", false);
        this.reluGate = ctx.kwargs().getBoolean("relu_gate", false);
        this.forwardOnly = ctx.kwargs().getBoolean("forward_only", false);
    }

    /// Reads `max_pop_fraction` and refuses values outside [0, 1], located at the key.
    static double maxPopFraction(RuleContext ctx, double fallback) {
        double f = ctx.kwargs().getDouble("max_pop_fraction", fallback);
        if (!(f >= 0 && f <= 1))
            throw new ConfigException(ctx.kwargs().at("max_pop_fraction"), "max_pop_fraction must be in [0, 1]; found " + f + ".");
        return f;
    }

    @Override public String name() { return "BP_like_2L"; }
    @Override public double learningRate() { return learningRate; }
    @Override public double maxPopFraction() { return maxPopFraction; }
    @Override public boolean stochastic() { return stochastic; }
    @Override public boolean reluGate() { return reluGate; }
    @Override public BackwardPass.Factory backwardPass() { return ReequilibrationPass.TARGET_PROPAGATION; }

    @Override
    public void step(Projection p, StepContext context) {
        if (pre == null) pre = new float[p.cols()];
        Kernels.clampInto(forwardOnly ? p.forwardPresynaptic() : p.presynaptic(), 0f, 1f, pre);
        Kernels.addScaledOuter((float) learningRate, p.post().plateau(), pre, p.weights(), p.rows(), p.cols());
    }
}

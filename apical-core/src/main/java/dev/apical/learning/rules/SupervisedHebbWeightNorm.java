package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.ReequilibrationPass;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;

/// Supervised Hebbian rule with weight normalization (EIANN `Supervised_Hebb_WeightNorm_4`, removed from
/// EIANN at commit `e812117`; reconstructed from its definition at `e812117^`, eiann-spec 7.2):
///
/// ΔW = sign · η · clip(a_post, 0, 1) ⊗ clip(pre, 0, 1)
///
/// with a_post and pre (a_pre, or prev_pre for recurrent projections) the rates after a 2L-style backward
/// phase ([ReequilibrationPass#SUPERVISED_HEBB]): the output is nudged by the clipped error and hidden units
/// by their selected dendritic state while the network re-equilibrates, so the Hebbian product sees the
/// supervised activity. The plateau itself does not enter the update. Usually followed by
/// `normalize_weight`. Kwargs: sign = 1 (sign > 0 adds, otherwise subtracts), max_pop_fraction = 0.025 (in
/// [0, 1]), stochastic = true, relu_gate = false.
public final class SupervisedHebbWeightNorm implements LocalRule, PlateauRule {
    private final double learningRate;
    private final boolean positive;
    private final double maxPopFraction;
    private final boolean stochastic;
    private final boolean reluGate;
    private float[] post, pre;

    public SupervisedHebbWeightNorm(RuleContext ctx) {
        this.learningRate = ctx.learningRate();
        this.positive = ctx.kwargs().getDouble("sign", 1) > 0;
        this.maxPopFraction = EquilibratedTargetPropagation.maxPopFraction(ctx, 0.025);
        this.stochastic = ctx.kwargs().getBoolean("stochastic", true);
        this.reluGate = ctx.kwargs().getBoolean("relu_gate", false);
    }

    @Override public String name() { return "Supervised_Hebb_WeightNorm_4"; }
    @Override public double learningRate() { return learningRate; }
    @Override public double maxPopFraction() { return maxPopFraction; }
    @Override public boolean stochastic() { return stochastic; }
    @Override public boolean reluGate() { return reluGate; }
    @Override public BackwardPass.Factory backwardPass() { return ReequilibrationPass.SUPERVISED_HEBB; }

    @Override
    public void step(Projection p, StepContext context) {
        if (post == null) {
            post = new float[p.rows()];
            pre = new float[p.cols()];
        }
        Kernels.clampInto(p.post().activity, 0f, 1f, post);
        Kernels.clampInto(p.presynaptic(), 0f, 1f, pre);
        float lr = (float) learningRate;
        Kernels.addScaledOuter(positive ? lr : -lr, post, pre, p.weights(), p.rows(), p.cols());
    }
}

package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.TopLayerPass;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;

/// Error-driven learning of the output layer alone (EIANN `Top_Layer_BP_like_2L`):
///
/// ΔW = η · plateau_post ⊗ clip(pre, 0, 1)
///
/// where `plateau_post` = clip(target − y, −1, 1), relu-gated (units silent in the forward phase get 0), is set
/// by [TopLayerPass], and pre is the presynaptic rate after the backward phase (a_pre, or prev_pre for
/// recurrent projections); the output layer re-equilibrates with the error added to its somatic state,
/// hidden layers keep their forward activity. Kwargs: relu_gate = true. Used on the output weights of the
/// Hebbian MNIST model (config 7). Galloni, Peddada, Chennawar & Milstein (2025), bioRxiv 2025.05.22.655599.
public final class TopLayerTargetPropagation implements LocalRule, PlateauRule {
    private final double learningRate;
    private final boolean reluGate;
    private float[] pre;

    public TopLayerTargetPropagation(RuleContext ctx) {
        this.learningRate = ctx.learningRate();
        this.reluGate = ctx.kwargs().getBoolean("relu_gate", true);
    }

    @Override public String name() { return "Top_Layer_BP_like_2L"; }
    @Override public double learningRate() { return learningRate; }
    @Override public boolean reluGate() { return reluGate; }
    /// Not used: the output error is never subsampled.
    @Override public double maxPopFraction() { return 1.0; }
    @Override public boolean stochastic() { return false; }
    @Override public BackwardPass.Factory backwardPass() { return TopLayerPass.FACTORY; }

    @Override
    public void step(Projection p, StepContext context) {
        if (pre == null) pre = new float[p.cols()];
        Kernels.clampInto(p.presynaptic(), 0f, 1f, pre);
        Kernels.addScaledOuter((float) learningRate, p.post().plateau(), pre, p.weights(), p.rows(), p.cols());
    }
}

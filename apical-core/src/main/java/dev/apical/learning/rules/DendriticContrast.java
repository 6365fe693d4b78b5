package dev.apical.learning.rules;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.LocalRule;
import dev.apical.learning.RuleContext;
import dev.apical.learning.StepContext;
import dev.apical.learning.passes.ContrastNudgePass;
import dev.apical.math.Kernels;
import dev.apical.network.Projection;

/// The two rules of the poster "Biologically plausible deep learning by dendritic gating of plasticity"
/// (Chennawar, Cheng, Voleti, Galloni & Milstein, Rutgers 2024; code: Milstein-Lab/Summer2024
/// `spiral_neuralnet.py`; other-models-spec 3.4). Both update a feed-forward projection with the nudge N of
/// its postsynaptic population, set by [ContrastNudgePass]:
///
/// - `Dend_Temp_Contrast` (poster `dend_temp_contrast`, DTC): ΔW = η · N ⊗ a^F_pre, with
///   N = f'(z) ⊙ (D^B − D^F). When no nudge pushes an active unit below zero, a^B − a^F = N one layer up, so
///   D^B − D^F = W_{l+1}ᵀ N_{l+1} and the update equals back-propagation's (Xie & Seung 2003);
/// - `Dend_EI_Contrast` (poster `dend_EI_contrast`, EIC): ΔW = η · N ⊗ clip(a^F_pre, 0, 1), with
///   N = f'(z) ⊙ clip(D^B, −1, 1). The presynaptic clip also applies to the raw input, as in the poster's
///   code (negative spiral coordinates do not drive the first layer's update).
///
/// How the poster's models map onto Apical's EIANN-format configs:
///
/// - the symmetric feedback W_{l+1}ᵀ is a `compartment: dend`, `update_phase: B` projection from the layer
///   above, kept equal to the transpose by `weight_constraint: clone_weight` (`transpose: true`);
/// - EIC's lateral "interneuron" matrix R is a signed `compartment: dend` self-projection (direction F, so it
///   reads the layer's own forward activity) learned by `DendriticLoss_6` with `sign: -1`:
///   ΔR = −η_R · clip(D^F, −1, 1) ⊗ clip(a^F, 0, 1);
/// - learned biases use `DendriticLossBias` (Δb = η_b · N); fixed biases `include_bias: true` without a rule;
///   zero biases `include_bias: false`.
///
/// They differ from EIANN's ports (`BP_like_1E`, `BP_like_2E`, other-models-spec 3.8), which clip the output
/// error t − a to [−1, 1] without the 2/K factor, clip DTC's contrast and presynaptic rates, and select plateau
/// units; hence separate rules.
public final class DendriticContrast implements LocalRule {
    private final String name;
    private final double learningRate;
    private final boolean clipPresynaptic;
    private final BackwardPass.Factory pass;
    private float[] pre;

    private DendriticContrast(String name, RuleContext ctx, boolean clipPresynaptic, BackwardPass.Factory pass) {
        ctx.requireForwardProjection(name);
        this.name = name;
        this.learningRate = ctx.learningRate();
        this.clipPresynaptic = clipPresynaptic;
        this.pass = pass;
    }

    /// `Dend_Temp_Contrast`: dendritic temporal contrast.
    public static DendriticContrast temporal(RuleContext ctx) {
        return new DendriticContrast("Dend_Temp_Contrast", ctx, false, ContrastNudgePass.TEMPORAL);
    }

    /// `Dend_EI_Contrast`: dendritic excitation/inhibition contrast.
    public static DendriticContrast excitationInhibition(RuleContext ctx) {
        return new DendriticContrast("Dend_EI_Contrast", ctx, true, ContrastNudgePass.EXCITATION_INHIBITION);
    }

    @Override public String name() { return name; }
    @Override public double learningRate() { return learningRate; }
    @Override public BackwardPass.Factory backwardPass() { return pass; }

    @Override
    public void step(Projection p, StepContext context) {
        float[] x = p.forwardPresynaptic();
        if (clipPresynaptic) {
            if (pre == null) pre = new float[p.cols()];
            Kernels.clampInto(x, 0f, 1f, pre);
            x = pre;
        }
        Kernels.addScaledOuter((float) learningRate, p.post().plateau(), x, p.weights(), p.rows(), p.cols());
    }
}

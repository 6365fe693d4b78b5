package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.StepContext;
import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.Compartment;
import dev.apical.spec.Direction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The backward ("nudge") phase of the dendritic-gating poster (Chennawar, Cheng, Voleti, Galloni &
/// Milstein 2024, "Biologically plausible deep learning by dendritic gating of plasticity";
/// other-models-spec 3.4), for the rules of [dev.apical.learning.rules.DendriticContrast].
///
/// With z the final forward (somatic) state, a^F = f(z) the forward activity, t the target and K outputs,
/// rule-bearing populations are visited layer by layer from the output down:
///
/// - output: N = f'(z) ⊙ (2/K)(t − a^F), i.e. −∂L/∂z for L = mean squared error; the E/I contrast clips it
///   to [−1, 1];
/// - hidden: the backward dendritic state D^B = Σ_dend W·a_pre is read from the current activities (the
///   layer above already nudged, the layer's own lateral input still in its forward state), and
///   - temporal contrast (DTC): N = f'(z) ⊙ (D^B − D^F), D^F being the dendritic state stored after the
///     forward phase; not clipped;
///   - E/I contrast (EIC): N = f'(z) ⊙ clip(D^B, −1, 1); the learned lateral "interneuron" input inside
///     D^B is what cancels the forward part;
/// - then the layer is nudged: a ← f(z + N) (the poster's "A_post ← A_post + N", added to the state before
///   the activation), which only the layer below reads.
///
/// For relu, f'(z) is 1 where z > 0: plasticity is gated by the neuron being active in the forward phase.
/// N is stored as the population's plateau, which the weight and bias rules read.
public final class ContrastNudgePass implements BackwardPass {
    /// How a hidden population's nudge is formed from its dendritic states.
    public enum Contrast {
        /// N = f'(z) ⊙ (D^B − D^F), output nudge unclipped (poster `dend_temp_contrast`).
        TEMPORAL,
        /// N = f'(z) ⊙ clip(D^B, −1, 1), output nudge clipped to [−1, 1] (poster `dend_EI_contrast`).
        EXCITATION_INHIBITION
    }

    /// The pass of `Dend_Temp_Contrast`.
    public static final Factory TEMPORAL = setup -> new ContrastNudgePass(setup, Contrast.TEMPORAL);
    /// The pass of `Dend_EI_Contrast`.
    public static final Factory EXCITATION_INHIBITION = setup -> new ContrastNudgePass(setup, Contrast.EXCITATION_INHIBITION);

    private final Network network;
    private final Contrast contrast;
    private final List<List<Population>> layersTopDown = new ArrayList<>();
    private final float[][] error;
    private final float[][] scratch;

    private ContrastNudgePass(Setup setup, Contrast contrast) {
        this.network = setup.network();
        this.contrast = contrast;
        List<Population> pops = network.populations();
        error = new float[pops.size()][];
        scratch = new float[pops.size()][];
        String current = null;
        for (Population p : pops) {
            if (!setup.bears(p)) continue;
            if (p != network.output() && !p.hasDendrite())
                throw new IllegalArgumentException("population " + p.id() + " bears a dendritic contrast rule but has no "
                        + "projection with compartment: dend (the top-down input its nudge is computed from).");
            p.allocateNudgeBuffers();
            error[p.order()] = new float[p.size()];
            scratch[p.order()] = new float[p.size()];
            if (!p.id().layer().equals(current)) {
                layersTopDown.addFirst(new ArrayList<>());
                current = p.id().layer();
            }
            layersTopDown.getFirst().add(p);
        }
    }

    @Override
    public void run(StepContext context) {
        Population output = network.output();
        for (List<Population> layer : layersTopDown) {
            for (Population p : layer) {
                if (p == output) outputNudge(p, context.target());
                else hiddenNudge(p);
            }
            for (Population p : layer) nudge(p);
        }
    }

    private void outputNudge(Population p, float[] target) {
        float[] e = error[p.order()];
        float[] a = p.forwardActivity;
        float scale = 2f / a.length;
        for (int k = 0; k < e.length; k++) e[k] = scale * (target[k] - a[k]);
        gate(p, e);
        float[] n = p.plateau();
        if (contrast == Contrast.EXCITATION_INHIBITION) Kernels.clamp(n, -1, 1);
        System.arraycopy(n, 0, p.dendriticState(), 0, n.length);
    }

    private void hiddenNudge(Population p) {
        float[] d = p.dendriticState();
        Arrays.fill(d, 0f);
        for (Projection q : p.incoming()) {
            if (q.compartment() != Compartment.DENDRITE) continue;
            q.multiplyAdd(q.direction() == Direction.FORWARD ? q.pre().activity : q.pre().prevActivity, d);
        }
        float[] e = error[p.order()];
        if (contrast == Contrast.TEMPORAL) {
            float[] df = p.forwardDendriticState();
            for (int k = 0; k < e.length; k++) e[k] = d[k] - df[k];
        } else {
            Kernels.clamp(d, -1, 1);
            System.arraycopy(d, 0, e, 0, e.length);
        }
        gate(p, e);
    }

    /// plateau = f'(z) ⊙ e, through the activation's vector-Jacobian product.
    private static void gate(Population p, float[] e) {
        float[] n = p.plateau();
        Arrays.fill(n, 0f);
        p.activation().backward(p.state, p.forwardActivity, e, n);
    }

    private void nudge(Population p) {
        float[] n = p.plateau();
        System.arraycopy(n, 0, p.dendToSoma(), 0, n.length);
        float[] s = scratch[p.order()];
        for (int k = 0; k < s.length; k++) s[k] = p.state[k] + n[k];
        System.arraycopy(p.activity, 0, p.prevActivity, 0, p.size());
        p.activation().apply(s, p.activity);
    }
}

package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.StepContext;
import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.Compartment;
import dev.apical.spec.Direction;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/// The nudge pass of dendritic target propagation without re-equilibration (EIANN `BP_like_2E.backward`,
/// family "2E", eiann-spec 6.1). Layers are visited from the output down to the first hidden layer:
///
/// 1. dendritic state of every backward-phase population with dendritic inputs:
///    d = clip(Σ_dend W·(a_pre if forward, prev_pre if recurrent), −1, 1), from the current activities;
/// 2. plateaus of rule-bearing populations: output e = clip(target − y, −1, 1); hidden: the local error L (d, or
///    for temporal contrast clip(d − d^f, −1, 1)), relu-gated and selected;
/// 3. nudge: every backward-phase (or output) population with a nudge vector takes prev ← a and
///    a ← f(s + nudge), s being the final forward state. The nudged activity reaches only the layer below.
public final class DendriticNudgePass implements BackwardPass {
    /// The local error of a hidden population.
    public enum LocalError {
        /// L = d, the clipped backward dendritic state (EIANN `BP_like_2E`).
        DENDRITIC_STATE,
        /// L = clip(d − d^f, −1, 1) with d unclipped: dendritic temporal contrast (EIANN `BP_like_1E`).
        TEMPORAL_CONTRAST
    }

    /// The pass of `BP_like_2E`.
    public static final Factory TARGET_PROPAGATION = setup -> new DendriticNudgePass(setup, LocalError.DENDRITIC_STATE);
    /// The pass of `BP_like_1E`.
    public static final Factory TEMPORAL_CONTRAST = setup -> new DendriticNudgePass(setup, LocalError.TEMPORAL_CONTRAST);

    private final Network network;
    private final LocalError localError;
    private final List<List<Population>> layersTopDown;
    private final PlateauBearers bearers;
    private final SplittableRandom rng;
    private final float[][] scratch;

    private DendriticNudgePass(Setup setup, LocalError localError) {
        this.network = setup.network();
        this.localError = localError;
        List<Population> pops = network.populations();
        this.bearers = new PlateauBearers(setup);
        scratch = new float[pops.size()][];
        for (Population p : pops) scratch[p.order()] = new float[p.size()];
        this.layersTopDown = LayerRelaxation.layersTopDown(network);
        this.rng = setup.streams().stream("plateau/" + localError.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void run(StepContext context) {
        Population output = network.output();
        for (List<Population> layer : layersTopDown) {
            for (Population p : layer) if (p.hasBackwardProjections() && p.hasDendrite()) dendriticState(p);
            for (Population p : layer) if (bearers.bears(p)) bearers.set(p, context.target(), this::localError, rng);
            for (Population p : layer) if ((p.hasBackwardProjections() || p == output) && p.dendToSoma() != null) nudge(p);
        }
    }

    private void dendriticState(Population p) {
        float[] d = p.dendriticState();
        Arrays.fill(d, 0f);
        for (Projection q : p.incoming()) {
            if (q.compartment() != Compartment.DENDRITE) continue;
            q.multiplyAdd(q.direction() == Direction.FORWARD ? q.pre().activity : q.pre().prevActivity, d);
        }
        if (localError == LocalError.DENDRITIC_STATE) Kernels.clamp(d, -1, 1);
    }

    private void localError(Population p, float[] l) {
        float[] d = p.dendriticState();
        if (localError == LocalError.DENDRITIC_STATE) {
            System.arraycopy(d, 0, l, 0, l.length);
        } else {
            float[] df = p.forwardDendriticState();
            for (int k = 0; k < l.length; k++) l[k] = Math.min(Math.max(d[k] - df[k], -1f), 1f);
        }
    }

    private void nudge(Population p) {
        float[] s = scratch[p.order()];
        float[] n = p.dendToSoma();
        for (int k = 0; k < s.length; k++) s[k] = p.state[k] + n[k];
        System.arraycopy(p.activity, 0, p.prevActivity, 0, p.size());
        p.activation().apply(s, p.activity);
    }
}

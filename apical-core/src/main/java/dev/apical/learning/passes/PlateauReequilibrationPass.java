package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.PlateauRule;
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
import java.util.Locale;
import java.util.SplittableRandom;

/// The backward phase of EIANN's `BTSP_19` and `Supervised_BCM_4` (eiann-spec 6.4): plateaus computed once,
/// then the activities re-equilibrate with the nudges applied. For t = 0..T−1, for each layer from the output
/// down to the first hidden layer:
///
/// 1. dendritic state of every backward-phase population with dendritic inputs:
///    d = clip(Σ_dend W·(a_pre if forward, prev_pre if recurrent), −1, 1), from the current activities;
/// 2. only at t = 0, plateaus of the rule-bearing populations: output e = clip(target − y, −1, 1); hidden L = d,
///    relu-gated and selected ([Plateaus]; BTSP applies `neg_rate_th` before the negative selection);
/// 3. layer activity update: prev ← a for every population of the layer, then for every backward-phase (or
///    output) population I = b + Σ_soma W·(a_pre if forward, prev_pre if recurrent) over all somatic projections
///    whatever their update phase, s ← s + (I − s)/τ, a ← f(s + nudge) (f(s) if it never holds a nudge).
///
/// Unlike the 2L family, storing dynamics never widens the set of updated populations. After the loop each
/// rule's once-per-sample `update()` is re-armed: BTSP's past activity (presynaptic populations) and past
/// plateau (postsynaptic), BCM's threshold (postsynaptic).
public final class PlateauReequilibrationPass implements BackwardPass {
    /// Flag raised on a presynaptic population of a `BTSP_19` projection: past activity not yet stored.
    public static final String BTSP_PAST_ACTIVITY_PENDING = "btsp.past_activity.pending";
    /// Flag raised on a postsynaptic population of a `BTSP_19` projection: past plateau not yet stored.
    public static final String BTSP_PAST_PLATEAU_PENDING = "btsp.past_plateau.pending";
    /// Flag raised on a postsynaptic population of a `Supervised_BCM_4` projection: theta not yet updated.
    public static final String BCM_THETA_PENDING = "bcm.theta.pending";

    /// Which rule family the pass serves.
    public enum Family { BTSP, BCM }

    /// The pass of `BTSP_19`.
    public static final Factory BTSP = setup -> new PlateauReequilibrationPass(setup, Family.BTSP);
    /// The pass of `Supervised_BCM_4`.
    public static final Factory BCM = setup -> new PlateauReequilibrationPass(setup, Family.BCM);

    private final Network network;
    private final int steps;
    private final List<List<Population>> layersTopDown = new ArrayList<>();
    private final boolean[] bearing;
    private final PlateauRule[] settings;
    private final Projection[][] somatic;
    private final Projection[][] dendritic;
    private final float[][] scratch;
    private final List<Projection> ruleProjections;
    private final Family family;
    private final SplittableRandom rng;

    private PlateauReequilibrationPass(Setup setup, Family family) {
        this.network = setup.network();
        this.steps = setup.dynamics().forwardSteps();
        this.family = family;
        this.ruleProjections = setup.ruleProjections();
        List<Population> pops = network.populations();
        bearing = new boolean[pops.size()];
        settings = new PlateauRule[pops.size()];
        somatic = new Projection[pops.size()][];
        dendritic = new Projection[pops.size()][];
        scratch = new float[pops.size()][];
        for (Population p : setup.ruleBearing()) {
            bearing[p.order()] = true;
            settings[p.order()] = (PlateauRule) setup.ruleOf().apply(p);
            p.allocateNudgeBuffers();
        }
        String current = null;
        for (Population p : pops) {
            scratch[p.order()] = new float[p.size()];
            somatic[p.order()] = p.incoming().stream().filter(q -> q.compartment() == Compartment.SOMA).toArray(Projection[]::new);
            dendritic[p.order()] = p.incoming().stream().filter(q -> q.compartment() == Compartment.DENDRITE).toArray(Projection[]::new);
            if (!p.isUpdated()) continue;
            String layer = p.id().layer();
            if (!layer.equals(current)) {
                layersTopDown.addFirst(new ArrayList<>());
                current = layer;
            }
            layersTopDown.getFirst().add(p);
        }
        this.rng = setup.streams().stream("plateau/" + family.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void run(StepContext context) {
        Population output = network.output();
        for (Population p : network.populations()) {
            if (!bearing[p.order()]) continue;
            Arrays.fill(p.plateau(), 0f);
            Arrays.fill(p.dendToSoma(), 0f);
        }
        for (int t = 0; t < steps; t++) {
            for (List<Population> layer : layersTopDown) {
                for (Population p : layer) if (p.hasBackwardProjections() && p.hasDendrite()) dendriticState(p);
                if (t == 0) for (Population p : layer) if (bearing[p.order()]) plateau(p, output, context.target());
                updateActivities(layer, output);
            }
        }
        for (Projection q : ruleProjections) {
            switch (family) {
                case BTSP -> {
                    q.post().setFlag(BTSP_PAST_PLATEAU_PENDING, true);
                    q.pre().setFlag(BTSP_PAST_ACTIVITY_PENDING, true);
                }
                case BCM -> q.post().setFlag(BCM_THETA_PENDING, true);
            }
        }
    }

    private void plateau(Population p, Population output, float[] target) {
        PlateauRule rule = settings[p.order()];
        if (p == output) {
            Plateaus.output(p, target, rule.reluGate());
        } else {
            float[] l = scratch[p.order()];
            System.arraycopy(p.dendriticState(), 0, l, 0, l.length);
            Plateaus.hidden(p, l, rule, rng, rule.negRateThreshold());
        }
    }

    private void dendriticState(Population p) {
        float[] d = p.dendriticState();
        Arrays.fill(d, 0f);
        for (Projection q : dendritic[p.order()]) q.multiplyAdd(q.presynaptic(), d);
        Kernels.clamp(d, -1, 1);
    }

    /// One backward relaxation step of a layer, in EIANN's arithmetic order: Δs = (−s + b) + Σ W z; s ← s + Δs/τ.
    private void updateActivities(List<Population> layer, Population output) {
        for (Population p : layer) System.arraycopy(p.activity, 0, p.prevActivity, 0, p.size());
        for (Population p : layer) {
            if (!p.hasBackwardProjections() && p != output) continue;
            float[] s = p.state, b = p.bias(), delta = scratch[p.order()];
            for (int i = 0; i < s.length; i++) delta[i] = -s[i] + b[i];
            for (Projection q : somatic[p.order()])
                q.multiplyAdd(q.direction() == Direction.FORWARD ? q.pre().activity : q.pre().prevActivity, delta);
            float tau = p.tau();
            for (int i = 0; i < s.length; i++) s[i] = s[i] + delta[i] / tau;
            float[] nudge = p.dendToSoma();
            if (nudge == null) {
                p.activation().apply(s, p.activity);
            } else {
                for (int i = 0; i < s.length; i++) delta[i] = s[i] + nudge[i];
                p.activation().apply(delta, p.activity);
            }
        }
    }
}

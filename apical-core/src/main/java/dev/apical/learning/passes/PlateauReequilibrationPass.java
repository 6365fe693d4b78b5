package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.PlateauRule;
import dev.apical.learning.StepContext;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;

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
    private final List<List<Population>> layersTopDown;
    private final LayerRelaxation relaxation;
    private final boolean[] bearing;
    private final PlateauRule[] settings;
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
        scratch = new float[pops.size()][];
        for (Population p : setup.ruleBearing()) {
            bearing[p.order()] = true;
            settings[p.order()] = (PlateauRule) setup.ruleOf().apply(p);
            p.allocateNudgeBuffers();
        }
        for (Population p : pops) scratch[p.order()] = new float[p.size()];
        this.layersTopDown = LayerRelaxation.layersTopDown(network);
        this.relaxation = new LayerRelaxation(network);
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
                relaxation.dendriticState(layer);
                if (t == 0) for (Population p : layer) if (bearing[p.order()]) plateau(p, output, context.target());
                relaxation.relax(layer);
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
}

package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.StepContext;
import dev.apical.network.Network;
import dev.apical.network.Population;

import java.util.List;
import java.util.SplittableRandom;

/// The nudge pass of dendritic target propagation with re-equilibration (EIANN `BP_like_2L.backward`, family
/// "2L", eiann-spec 6.2). For t = 0..T−1 (T = `forward_steps`), for each layer from the output down to the
/// first hidden layer:
///
/// 1. recompute the clipped dendritic state of the layer's backward-phase populations from the current
///    activities ([LayerRelaxation#dendriticState]);
/// 2. only at t = 0: plateaus and nudges of the rule-bearing populations (output: e = clip(target − y, −1, 1);
///    hidden: the clipped dendritic state; relu-gated and selected as in [Plateaus]);
/// 3. one integration step of every backward-phase (or output) population of the layer, with all somatic
///    projections whatever their phase and the nudge added inside the activation, a = f(s + nudge)
///    ([LayerRelaxation#relax]).
///
/// Plateaus stay fixed after t = 0 while the activities relax with the nudges applied; a lower layer sees
/// the upper layer's activity of the same iteration, an upper layer the lower layer's previous one. The last
/// dendritic state is what the population keeps as its backward dendritic state.
///
/// Which populations bear the pass: for `BP_like_2L` every population with an incoming rule that shares this
/// backward method (EIANN `shared_backward_methods`, so `Hebbian_Temporal_Contrast`, which inherits it, gets
/// plateaus alongside `BP_like_2L`); the legacy `Supervised_Hebb_WeightNorm_4` defines its own copy of the
/// loop and compares the rule class. Settings (relu gate, selection) come from each population's first such
/// rule (Q10).
///
/// Not reproduced: EIANN's quirk Q4, where turning on dynamics storage makes *every* population of a layer
/// re-equilibrate in this pass. Apical never records dynamics during training, so it always behaves as
/// EIANN does with storage off (the setting every published result used).
public final class ReequilibrationPass implements BackwardPass {
    /// The pass of `BP_like_2L` and of `Hebbian_Temporal_Contrast`, which inherits it.
    public static final Factory TARGET_PROPAGATION = new Factory() {
        @Override public BackwardPass create(Setup setup) { return new ReequilibrationPass(setup, "2l"); }
        @Override public boolean boundToFirstRuleClass() { return false; }
    };

    /// The pass of the legacy `Supervised_Hebb_WeightNorm_4` (same loop, its own backward method).
    public static final Factory SUPERVISED_HEBB = setup -> new ReequilibrationPass(setup, "supervised-hebb");

    private final int steps;
    private final List<List<Population>> layersTopDown;
    private final LayerRelaxation relaxation;
    private final PlateauBearers bearers;
    private final SplittableRandom rng;
    private final Runnable afterLoop;

    private ReequilibrationPass(Setup setup, String stream) {
        this(setup, stream, () -> {});
    }

    /// @param afterLoop run once after the loop (BTSP and BCM re-arm their once-per-sample updates there)
    ReequilibrationPass(Setup setup, String stream, Runnable afterLoop) {
        Network network = setup.network();
        this.steps = setup.dynamics().forwardSteps();
        this.layersTopDown = LayerRelaxation.layersTopDown(network);
        this.relaxation = new LayerRelaxation(network);
        this.bearers = new PlateauBearers(setup);
        this.rng = setup.streams().stream("plateau/" + stream);
        this.afterLoop = afterLoop;
    }

    @Override
    public void run(StepContext context) {
        for (int t = 0; t < steps; t++) {
            for (List<Population> layer : layersTopDown) {
                relaxation.dendriticState(layer);
                if (t == 0)
                    for (Population p : layer) if (bearers.bears(p)) bearers.set(p, context.target(), PlateauBearers.DENDRITIC_STATE, rng);
                relaxation.relax(layer);
            }
        }
        afterLoop.run();
    }
}

package dev.apical.learning.passes;

import dev.apical.learning.BackwardPass;
import dev.apical.learning.PlateauRule;
import dev.apical.network.Population;

import java.util.SplittableRandom;

/// The populations a dendritic backward pass sets plateaus for, with the settings of each one's first rule
/// (relu gate, selection, EIANN reads them from the first matching projection, Q10), and the step that sets
/// them: the output population's clipped error, or a hidden population's gated and selected local error
/// ([Plateaus]). Allocates the bearers' plateau and nudge buffers.
final class PlateauBearers {
    /// Writes a hidden population's local error into `out` (length of the population).
    interface LocalError {
        void compute(Population p, float[] out);
    }

    /// The clipped dendritic state, as `BP_like_2E`, the 2L family, BTSP and BCM use it.
    static final LocalError DENDRITIC_STATE = (p, out) -> System.arraycopy(p.dendriticState(), 0, out, 0, out.length);

    private final Population output;
    private final PlateauRule[] settings;
    private final float[][] local;

    PlateauBearers(BackwardPass.Setup setup) {
        this.output = setup.network().output();
        int n = setup.network().populations().size();
        settings = new PlateauRule[n];
        local = new float[n][];
        for (Population p : setup.ruleBearing()) {
            settings[p.order()] = (PlateauRule) setup.ruleOf().apply(p);
            local[p.order()] = new float[p.size()];
            p.allocateNudgeBuffers();
        }
    }

    boolean bears(Population p) {
        return settings[p.order()] != null;
    }

    /// Sets the plateau and nudge of bearer `p` from the target (output) or from `error` (hidden).
    void set(Population p, float[] target, LocalError error, SplittableRandom rng) {
        PlateauRule rule = settings[p.order()];
        if (p == output) {
            Plateaus.output(p, target, rule.reluGate());
        } else {
            float[] l = local[p.order()];
            error.compute(p, l);
            Plateaus.hidden(p, l, rule, rng, rule.negRateThreshold());
        }
    }
}

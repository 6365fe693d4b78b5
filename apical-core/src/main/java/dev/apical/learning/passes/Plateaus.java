package dev.apical.learning.passes;

import dev.apical.learning.PlateauRule;
import dev.apical.network.Population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/// Plateau and nudge computation shared by the dendritic backward passes (eiann-spec 6, "Plateau/nudge").
final class Plateaus {
    private Plateaus() {}

    /// Output population: e = clip(target − a, −1, 1), stored as its dendritic state; with the relu gate e_k = 0
    /// where the forward activity is exactly 0; plateau = nudge = e.
    static void output(Population out, float[] target, boolean reluGate) {
        float[] a = out.activity, fwd = out.forwardActivity;
        float[] d = out.dendriticState(), plateau = out.plateau(), nudge = out.dendToSoma();
        for (int k = 0; k < a.length; k++) {
            float e = Math.min(Math.max(target[k] - a[k], -1f), 1f);
            d[k] = e;
            if (reluGate && fwd[k] == 0f) e = 0f;
            plateau[k] = e;
            nudge[k] = e;
        }
    }

    /// Hidden population: L = local error (gated), then up to M = ceil(maxPopFraction·N) positive units (largest
    /// first) and M negative units (most negative) become plateaus and nudges; all other units get 0.
    /// @param negRateThreshold if not NaN, applied after the positive selection and before the negative one: L_k = 0
    ///                         where the forward activity is <= it, so such units get no event of either sign (EIANN
    ///                         `BTSP_19` zeroes L in place before writing the selected values)
    /// @param local            the local error; modified (gated)
    static void hidden(Population p, float[] local, PlateauRule rule, SplittableRandom rng, double negRateThreshold) {
        float[] fwd = p.forwardActivity;
        float[] plateau = p.plateau(), nudge = p.dendToSoma();
        Arrays.fill(plateau, 0f);
        Arrays.fill(nudge, 0f);
        if (rule.reluGate()) for (int k = 0; k < local.length; k++) if (fwd[k] == 0f) local[k] = 0f;
        int m = (int) Math.ceil(rule.maxPopFraction() * p.size());
        boolean threshold = !Double.isNaN(negRateThreshold);
        if (!rule.stochastic() && m >= p.size()) {
            // every gated unit is selected (all published models): no sorting needed
            for (int k = 0; k < local.length; k++) {
                float v = local[k];
                if (v != 0f && !(threshold && fwd[k] <= negRateThreshold)) {
                    plateau[k] = v;
                    nudge[k] = v;
                }
            }
            return;
        }
        List<Integer> positive = select(local, true, m, rule.stochastic(), rng);
        if (threshold) for (int k = 0; k < local.length; k++) if (fwd[k] <= negRateThreshold) local[k] = 0f;
        List<Integer> negative = select(local, false, m, rule.stochastic(), rng);
        for (int k : positive) {
            plateau[k] = local[k];
            nudge[k] = local[k];
        }
        for (int k : negative) {
            plateau[k] = local[k];
            nudge[k] = local[k];
        }
    }

    /// Indices of selected positive (or negative) events. Deterministic: candidates sorted by value descending
    /// (stable); positive keeps the first m, negative the last m. Stochastic: Bernoulli(|L|) draws in index
    /// order; positive keeps the first m, negative the last m.
    private static List<Integer> select(float[] local, boolean positive, int m, boolean stochastic, SplittableRandom rng) {
        List<Integer> c = new ArrayList<>();
        for (int k = 0; k < local.length; k++) {
            if (positive ? local[k] > 0f : local[k] < 0f) {
                if (!stochastic || rng.nextDouble() < Math.abs(local[k])) c.add(k);
            }
        }
        if (c.size() <= m) return c;
        if (!stochastic) c.sort((x, y) -> Float.compare(local[y], local[x]));
        return positive ? c.subList(0, m) : c.subList(c.size() - m, c.size());
    }
}

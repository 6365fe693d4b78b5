package dev.apical.learning.passes;

import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.spec.Compartment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The backward-phase building blocks shared by the re-equilibrating passes (EIANN
/// `backward_update_layer_activity` and `backward_update_layer_dendritic_state` of `BP_like_2L`,
/// `Top_Layer_BP_like_2L` and the legacy `Supervised_Hebb_WeightNorm_4`, eiann-spec 6.2):
///
/// * [#dendriticState]: d = clip(Σ_dend W·(a_pre if forward, prev_pre if recurrent), −1, 1) for every
///   backward-phase population of a layer that has dendritic input, from the current activities;
/// * [#relax]: prev ← a for every population of the layer; then for every population that has backward
///   projections or is the output population,
///   I = b + Σ W·(a_pre if forward, prev_pre if recurrent) over *all* somatic projections whatever their
///   update phase, s ← s + (I − s)/τ, a ← f(s + nudge) if the population holds a nudge vector, else f(s).
///
/// The state update is rounded as EIANN writes it: Δs = (b − s) + Σ W·z, then s ← s + Δs/τ.
final class LayerRelaxation {
    private final Population output;
    private final Projection[][] somatic;
    private final Projection[][] dendritic;
    private final float[][] delta;
    private final float[][] shifted;

    LayerRelaxation(Network network) {
        this.output = network.output();
        int n = network.populations().size();
        somatic = new Projection[n][];
        dendritic = new Projection[n][];
        delta = new float[n][];
        shifted = new float[n][];
        for (Population p : network.populations()) {
            somatic[p.order()] = p.incoming().stream().filter(q -> q.compartment() == Compartment.SOMA).toArray(Projection[]::new);
            dendritic[p.order()] = p.incoming().stream().filter(q -> q.compartment() == Compartment.DENDRITE).toArray(Projection[]::new);
            delta[p.order()] = new float[p.size()];
            shifted[p.order()] = new float[p.size()];
        }
    }

    /// The updated (non-input-layer) populations grouped by layer, from the output layer down.
    static List<List<Population>> layersTopDown(Network network) {
        List<List<Population>> layers = new ArrayList<>();
        String current = null;
        for (Population p : network.populations()) {
            if (!p.isUpdated()) continue;
            String layer = p.id().layer();
            if (!layer.equals(current)) {
                layers.addFirst(new ArrayList<>());
                current = layer;
            }
            layers.getFirst().add(p);
        }
        return layers;
    }

    /// Recomputes the clipped dendritic state of every backward-phase population of `layer` with dendritic input.
    void dendriticState(List<Population> layer) {
        for (Population p : layer) {
            if (!p.hasBackwardProjections() || !p.hasDendrite()) continue;
            float[] d = p.dendriticState();
            Arrays.fill(d, 0f);
            for (Projection q : dendritic[p.order()]) q.multiplyAdd(q.presynaptic(), d);
            Kernels.clamp(d, -1, 1);
        }
    }

    /// One backward-phase integration step of `layer`.
    void relax(List<Population> layer) {
        for (Population p : layer) System.arraycopy(p.activity, 0, p.prevActivity, 0, p.size());
        for (Population p : layer) {
            if (!p.hasBackwardProjections() && p != output) continue;
            float[] d = delta[p.order()];
            float[] s = p.state, b = p.bias();
            for (int k = 0; k < d.length; k++) d[k] = b[k] - s[k];
            for (Projection q : somatic[p.order()]) q.multiplyAdd(q.presynaptic(), d);
            float tau = p.tau();
            for (int k = 0; k < s.length; k++) s[k] = s[k] + d[k] / tau;
            float[] nudge = p.dendToSoma();
            if (nudge == null) {
                p.activation().apply(s, p.activity);
            } else {
                float[] x = shifted[p.order()];
                for (int k = 0; k < x.length; k++) x[k] = s[k] + nudge[k];
                p.activation().apply(x, p.activity);
            }
        }
    }

    /// Whether `p` belongs to the same layer as the output population.
    boolean inOutputLayer(Population p) {
        return p.id().layer().equals(output.id().layer());
    }
}

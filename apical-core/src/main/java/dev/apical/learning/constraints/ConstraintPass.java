package dev.apical.learning.constraints;

import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// The constraint pass run after every training step and at build time (eiann-spec 8.1, Q9): for each
/// population in order, clamp its bias to `bias_bounds`; for each incoming projection clamp the weights to
/// `weight_bounds` (Dale's law), then apply its non-clone constraint; finally apply every clone, so clones
/// copy already-constrained sources (and are not re-clamped).
public final class ConstraintPass {
    private final List<Runnable> first = new ArrayList<>();
    private final List<WeightConstraint> clones = new ArrayList<>();

    public ConstraintPass(Network network, Map<Projection, WeightConstraint> constraints) {
        for (Population pop : network.populations()) {
            if (pop.hasBias() && !pop.biasBounds().isNone())
                first.add(() -> Kernels.clamp(pop.bias(), pop.biasBounds().lo(), pop.biasBounds().hi()));
            for (Projection p : pop.incoming()) {
                if (!p.bounds().isNone()) first.add(() -> Kernels.clamp(p.weights(), p.bounds().lo(), p.bounds().hi()));
                WeightConstraint c = constraints.get(p);
                if (c == null) continue;
                if (c.isClone()) clones.add(c);
                else first.add(c::apply);
            }
        }
    }

    public void apply() {
        for (Runnable r : first) r.run();
        for (WeightConstraint c : clones) c.apply();
    }
}

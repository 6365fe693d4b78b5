package dev.apical.learning.constraints;

import dev.apical.math.Kernels;
import dev.apical.network.Network;
import dev.apical.network.Population;
import dev.apical.network.Projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/// The constraint pass run after every training step and at build time (eiann-spec 8.1, Q9): for each
/// population in order, clamp its bias to `bias_bounds`; for each incoming projection clamp the weights to
/// `weight_bounds` (Dale's law), then apply its non-clone constraint; finally apply every clone, so clones
/// copy already-constrained sources (and are not re-clamped).
///
/// The per-step pass skips what cannot have changed: bounds of weights and biases that no rule updates
/// (clamping them again is a no-op) and the bounds of clone targets (the clone overwrites them). Their
/// constraints other than bounds (normalisation, masks) still run every step, as in EIANN.
public final class ConstraintPass {
    private final List<Runnable> first = new ArrayList<>();
    private final List<WeightConstraint> clones = new ArrayList<>();

    /// @param learned    projections whose weights a rule changes
    /// @param learnedBias populations whose bias a rule changes
    /// @param everything true for the build-time pass, which clamps every parameter
    public ConstraintPass(Network network, Map<Projection, WeightConstraint> constraints, Predicate<Projection> learned,
                          Predicate<Population> learnedBias, boolean everything) {
        for (Population pop : network.populations()) {
            if (pop.hasBias() && !pop.biasBounds().isNone() && (everything || learnedBias.test(pop)))
                first.add(() -> Kernels.clamp(pop.bias(), pop.biasBounds().lo(), pop.biasBounds().hi()));
            for (Projection p : pop.incoming()) {
                WeightConstraint c = constraints.get(p);
                boolean clone = c != null && c.isClone();
                if (!p.bounds().isNone() && (everything || (learned.test(p) && !clone)))
                    first.add(() -> Kernels.clamp(p.weights(), p.bounds().lo(), p.bounds().hi()));
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

package dev.apical.learning;

import dev.apical.network.Projection;

/// A rule whose update uses only signals local to its projection: pre- and postsynaptic activities,
/// dendritic states and plateaus set by its [BackwardPass]. Called once per training step after every
/// backward pass, in layer order (eiann-spec 5, step 6), then once more after the constraint pass.
public non-sealed interface LocalRule extends LearningRule {
    /// The network-wide pass that produces the signals this rule reads, run once per step per distinct pass.
    BackwardPass backwardPass();

    /// Adds this step's update to `projection`'s weights.
    void step(Projection projection, StepContext context);

    /// Updates rule state after the constraint pass (e.g. traces, thresholds). Default: nothing.
    default void update(Projection projection, StepContext context) {}
}

package dev.apical.learning;

import dev.apical.network.Projection;

/// A rule whose update uses only signals local to its projection: pre- and postsynaptic activities,
/// dendritic states and plateaus set by its [BackwardPass]. Every training step (eiann-spec 5): each distinct
/// backward pass runs once, then [#step] is called for every projection in layer order, then the constraint
/// pass, then [#update].
public non-sealed interface LocalRule extends LearningRule {
    /// The network-wide pass that produces the signals this rule reads, or null if it needs none. Rules that
    /// return the same factory share one pass, run once per step.
    BackwardPass.Factory backwardPass();

    /// Adds this step's update to `projection`'s weights.
    void step(Projection projection, StepContext context);

    /// Updates rule state after the constraint pass (e.g. traces, thresholds). Default: nothing.
    default void update(Projection projection, StepContext context) {}

    /// Resets rule state at the start of training (EIANN `reinit`). Default: nothing.
    default void reinit() {}

    /// True if [#step] already clamps every weight it changes to the projection's bounds, so the constraint
    /// pass need not clamp this projection again (the result is the same). Default: false.
    default boolean clampsOwnUpdates() {
        return false;
    }

    /// True if [#step] changes weights only through [Projection]'s update methods (never through
    /// [Projection#weights()]), which keep a projection's column copy current ([Projection#keepColumns()]).
    /// Default: false.
    default boolean updatesThroughProjection() {
        return false;
    }
}

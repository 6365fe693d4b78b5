package dev.apical.learning.constraints;

/// A constraint applied to one projection's weights after every training step and at build time
/// (eiann-spec 8.1-8.2), bound to its projection by [Constraints].
public interface WeightConstraint {
    void apply();

    /// Clones run in a second sweep, after every other constraint, so they copy constrained sources.
    default boolean isClone() {
        return false;
    }

    /// True if [#apply()] changes the weights only through [dev.apical.network.Projection]'s update methods,
    /// which keep a column copy current ([dev.apical.network.Projection#keepColumns()]). Default: false.
    default boolean appliesThroughProjection() {
        return false;
    }
}

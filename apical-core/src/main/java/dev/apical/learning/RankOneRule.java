package dev.apical.learning;

import dev.apical.network.Projection;

/// A local rule whose step is one clamped rank-one update, W ← clamp(W + α · u ⊗ v) to the projection's
/// bounds, made through [Projection#addScaledOuterClamped]: it clamps what it changes itself and never writes
/// the weight array directly, so its projection may keep a column copy ([Projection#keepColumns()]).
public interface RankOneRule extends LocalRule {
    @Override
    default boolean clampsOwnUpdates() {
        return true;
    }

    @Override
    default boolean updatesThroughProjection() {
        return true;
    }
}

package dev.apical.learning;

import dev.apical.network.Population;
import dev.apical.network.Projection;
import dev.apical.registry.Kwargs;
import dev.apical.spec.ConfigException;
import dev.apical.spec.Direction;
import dev.apical.spec.SourceLocation;

/// What a rule factory gets: its keyword arguments, its learning rate (after the fallback to
/// `training_kwargs.learning_rate`), and what it is attached to.
///
/// @param projection the projection of a weight rule, null for a bias rule
/// @param population the postsynaptic population of a weight rule, or the population of a bias rule
public record RuleContext(Kwargs kwargs, double learningRate, Projection projection, Population population,
                          SourceLocation at) {

    /// Refuses a recurrent projection for rules that only define forward updates (EIANN reads an attribute
    /// that does not exist for them, bug B3).
    public void requireForwardProjection(String rule) {
        if (projection != null && projection.direction() == Direction.RECURRENT)
            throw new ConfigException(at, "learning rule '" + rule + "' is defined only for forward (F) projections; "
                    + projection.post().id() + " <- " + projection.pre().id() + " is recurrent (R).");
    }
}

package dev.apical.spec;

/// One population of a layer (eiann-spec 2.2).
///
/// @param activation activation function with its kwargs (`linear` when absent)
/// @param tau        time constant in steps, or null to use the network's `tau`
/// @param outputPop  flagged `output_pop: true`
public record PopulationSpec(PopulationId id, int size, ComponentSpec activation, Double tau, BiasSpec bias,
                             boolean outputPop, SourceLocation at) {
    public PopulationSpec {
        if (size <= 0)
            throw new ConfigException(at.child("size"), "must be a positive integer; found " + size + ".");
        if (tau != null && !(tau >= 1.0))
            throw new ConfigException(at.child("tau"),
                    "must be a number >= 1 (tau = 1 means no persistent state); found " + tau + ".");
    }
}

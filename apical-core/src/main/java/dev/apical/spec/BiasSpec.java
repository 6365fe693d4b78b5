package dev.apical.spec;

/// A population's bias (eiann-spec 3.2): whether it exists, how it is initialised, its clamp bounds and its
/// learning rule. A bias learning rule forces `include = true`, as in EIANN.
///
/// @param init initialiser, `scaled_kaiming` by default (uniform in ±scale/sqrt(total fan-in))
/// @param rule bias learning rule (`BackpropBias`, `DendriticLossBias`) or null for a fixed bias
public record BiasSpec(boolean include, ComponentSpec init, Bounds bounds, ComponentSpec rule, SourceLocation at) {
    public static BiasSpec none(SourceLocation at) {
        return new BiasSpec(false, null, Bounds.NONE, null, at);
    }
}

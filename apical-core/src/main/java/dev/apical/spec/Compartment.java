package dev.apical.spec;

/// Where a projection's input lands on the postsynaptic cell.
public enum Compartment {
    /// Somatic input: enters the leaky state integration. EIANN `None` / `soma`.
    SOMA,
    /// Dendritic input: enters only the dendritic state used by the dendritic learning rules. EIANN `dend`.
    DENDRITE
}

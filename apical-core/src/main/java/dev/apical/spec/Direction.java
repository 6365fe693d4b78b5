package dev.apical.spec;

/// Which activity of the presynaptic population a projection reads.
public enum Direction {
    /// The presynaptic activity at the time the projection is evaluated (already updated this step if the
    /// presynaptic population comes earlier in update order). EIANN `F` / `forward`.
    FORWARD,
    /// The presynaptic activity at the end of the previous time step. EIANN `R` / `recurrent`.
    RECURRENT
}

package dev.apical.learning.optim;

/// Updates parameters from their gradients (eiann-spec 8.4). Holds per-parameter state (e.g. Adam moments),
/// allocated at construction.
public interface Optimizer {
    /// One update of every parameter from its `grad` buffer.
    void step();

    String name();
}

package dev.apical.learning.optim;

/// A trained parameter tensor: its values, the gradient buffer the backward pass fills, its group's learning
/// rate, and the bounds its values are clamped to after each update ([lo, hi]; infinite = unbounded), which
/// the optimizer applies in the same pass (the constraint pass would clamp them right after, to the same result).
public record Parameter(String name, float[] values, float[] grad, double learningRate, float lo, float hi) {
    /// An unbounded parameter.
    public Parameter(String name, float[] values, float[] grad, double learningRate) {
        this(name, values, grad, learningRate, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    /// v clamped to [lo, hi].
    public float clamp(float v) {
        return Math.min(Math.max(v, lo), hi);
    }
}

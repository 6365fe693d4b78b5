package dev.apical.learning.optim;

/// A trained parameter tensor: its values, the gradient buffer the backward pass fills, and its group's
/// learning rate.
public record Parameter(String name, float[] values, float[] grad, double learningRate) {
}

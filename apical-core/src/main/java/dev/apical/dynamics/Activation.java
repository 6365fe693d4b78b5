package dev.apical.dynamics;

/// A population's activation function a = f(s), applied elementwise (softmax: over the unit axis).
public interface Activation {
    /// a = f(s). `s` not modified; `a` modified; they may be the same array only for elementwise functions.
    void apply(float[] s, float[] a);

    /// gradS += f'(s) · gradA (the vector-Jacobian product), given s and a = f(s).
    /// `s`, `a`, `gradA` not modified; `gradS` modified.
    void backward(float[] s, float[] a, float[] gradA, float[] gradS);

    /// Name used in configs and messages.
    String name();
}

package dev.apical.dynamics;

/// A population's activation function a = f(s), applied elementwise (softmax: over the unit axis).
public interface Activation {
    /// a = f(s). `s` not modified; `a` modified; they may be the same array only for elementwise functions.
    void apply(float[] s, float[] a);

    /// gradS += f'(s) · gradA (the vector-Jacobian product), given s and a = f(s).
    /// `s`, `a`, `gradA` not modified; `gradS` modified.
    void backward(float[] s, float[] a, float[] gradA, float[] gradS);

    /// a = f(s) for `rows` samples of `cols` units stored row-major (batched evaluation). Elementwise
    /// functions apply to the whole array; softmax normalises each row.
    default void applyRows(float[] s, float[] a, int rows, int cols) {
        apply(s, a);
    }

    /// True if f(s) = 0 for every s <= 0 (relu and its kin): the population's rates are then typically sparse.
    default boolean silentBelowZero() {
        return false;
    }

    /// Name used in configs and messages.
    String name();
}

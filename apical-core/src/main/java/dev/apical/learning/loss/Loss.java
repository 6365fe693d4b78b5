package dev.apical.learning.loss;

/// A training criterion on one sample: its value and its gradient with respect to the output.
public interface Loss {
    /// L(y, t). `y` and `t` not modified.
    double value(float[] y, float[] t);

    /// grad = dL/dy, written into `grad` (length of y).
    void gradient(float[] y, float[] t, float[] grad);

    String name();
}

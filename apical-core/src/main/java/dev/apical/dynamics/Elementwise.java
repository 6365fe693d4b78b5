package dev.apical.dynamics;

/// Elementwise activations, each a function and its derivative written in terms of s and a = f(s).
final class Elementwise implements Activation {
    interface F { float f(float s); }
    interface D { float d(float s, float a); }

    private final String name;
    private final F f;
    private final D d;
    private final boolean silentBelowZero;

    Elementwise(String name, F f, D d) {
        this(name, f, d, false);
    }

    Elementwise(String name, F f, D d, boolean silentBelowZero) {
        this.name = name;
        this.f = f;
        this.d = d;
        this.silentBelowZero = silentBelowZero;
    }

    @Override
    public boolean silentBelowZero() {
        return silentBelowZero;
    }

    static final Elementwise LINEAR = new Elementwise("linear", s -> s, (s, a) -> 1f);
    /// max(s, 0); the derivative is 1 where the output is positive (as torch's relu backward).
    static final Elementwise RELU = new Elementwise("relu", s -> s > 0f ? s : 0f, (s, a) -> a > 0f ? 1f : 0f, true);
    static final Elementwise SIGMOID = new Elementwise("sigmoid", s -> (float) (1.0 / (1.0 + Math.exp(-s))), (s, a) -> a * (1f - a));
    static final Elementwise TANH = new Elementwise("tanh", s -> (float) Math.tanh(s), (s, a) -> 1f - a * a);

    /// clamp(s, min, max).
    static Elementwise srelu(float min, float max) {
        return new Elementwise("srelu", s -> Math.min(Math.max(s, min), max), (s, a) -> s > min && s < max ? 1f : 0f, min == 0f);
    }

    /// (1/beta) ln(1 + e^(beta s)), and s itself where beta s > threshold (torch's softplus).
    static Elementwise softplus(float beta, float threshold) {
        return new Elementwise("softplus",
                s -> beta * s > threshold ? s : (float) (Math.log1p(Math.exp(beta * (double) s)) / beta),
                (s, a) -> beta * s > threshold ? 1f : (float) (1.0 / (1.0 + Math.exp(-beta * (double) s))));
    }

    /// a · max(s, 0)^n.
    static Elementwise polynomial(float coef, float n) {
        return new Elementwise("polynomial",
                s -> s > 0f ? coef * (float) Math.pow(s, n) : 0f,
                (s, a) -> s > 0f ? coef * n * (float) Math.pow(s, n - 1) : 0f, true);
    }

    @Override
    public void apply(float[] s, float[] a) {
        if (this == RELU) {
            dev.apical.math.Kernels.relu(s, a);
            return;
        }
        for (int i = 0; i < s.length; i++) a[i] = f.f(s[i]);
    }

    @Override
    public void backward(float[] s, float[] a, float[] gradA, float[] gradS) {
        for (int i = 0; i < s.length; i++) gradS[i] += gradA[i] * d.d(s[i], a[i]);
    }

    @Override
    public String name() {
        return name;
    }
}

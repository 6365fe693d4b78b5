package dev.apical.dynamics;

/// softmax over the unit axis: a_i = exp(s_i - max s) / Σ_j exp(s_j - max s).
final class Softmax implements Activation {
    @Override
    public void apply(float[] s, float[] a) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : s) max = Math.max(max, v);
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            a[i] = (float) Math.exp(s[i] - max);
            sum += a[i];
        }
        for (int i = 0; i < s.length; i++) a[i] = (float) (a[i] / sum);
    }

    @Override
    public void applyRows(float[] s, float[] a, int rows, int cols) {
        float[] in = new float[cols], out = new float[cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, r * cols, in, 0, cols);
            apply(in, out);
            System.arraycopy(out, 0, a, r * cols, cols);
        }
    }

    /// gradS_i += a_i (gradA_i - Σ_j gradA_j a_j).
    @Override
    public void backward(float[] s, float[] a, float[] gradA, float[] gradS) {
        float dot = 0f;
        for (int i = 0; i < a.length; i++) dot += gradA[i] * a[i];
        for (int i = 0; i < a.length; i++) gradS[i] += a[i] * (gradA[i] - dot);
    }

    @Override
    public String name() {
        return "softmax";
    }
}

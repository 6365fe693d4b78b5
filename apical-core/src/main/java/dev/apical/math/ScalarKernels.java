package dev.apical.math;

/// Reference float32 kernels: plain loops, obviously correct. [Kernels] holds the fast versions, tested
/// against these. Matrices are row-major; no allocation.
/// Matrices are `rows x cols` with element (i, j) at `i * cols + j`.
public final class ScalarKernels {
    private ScalarKernels() {}

    /// y += W x.
    /// @param w row-major `rows x cols`. Not modified.
    /// @param x length `cols`. Not modified.
    /// @param y length `rows`. Modified. Must not alias `x`.
    public static void gemvAdd(float[] w, int rows, int cols, float[] x, float[] y) {
        for (int i = 0; i < rows; i++) {
            int off = i * cols;
            float acc = 0f;
            for (int j = 0; j < cols; j++) acc += w[off + j] * x[j];
            y[i] += acc;
        }
    }

    /// out += Wᵀ g.
    /// @param w   row-major `rows x cols`. Not modified.
    /// @param g   length `rows`. Not modified.
    /// @param out length `cols`. Modified.
    public static void gemvTransposedAdd(float[] w, int rows, int cols, float[] g, float[] out) {
        for (int i = 0; i < rows; i++) {
            float gi = g[i];
            if (gi == 0f) continue;
            int off = i * cols;
            for (int j = 0; j < cols; j++) out[j] += w[off + j] * gi;
        }
    }

    /// W += alpha · u ⊗ v (rank-one update).
    /// @param u length `rows`. Not modified.
    /// @param v length `cols`. Not modified.
    /// @param w row-major `rows x cols`. Modified.
    public static void outerAdd(float alpha, float[] u, float[] v, float[] w, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            float ui = alpha * u[i];
            if (ui == 0f) continue;
            int off = i * cols;
            for (int j = 0; j < cols; j++) w[off + j] += ui * v[j];
        }
    }

    /// W += alpha · (u ⊗ v), rounding as `W += alpha * outer(u, v)` does in float32: each product u_i·v_j is
    /// formed first, then scaled.
    /// @param u length `rows`. Not modified.
    /// @param v length `cols`. Not modified.
    /// @param w row-major `rows x cols`. Modified.
    public static void addScaledOuter(float alpha, float[] u, float[] v, float[] w, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            float ui = u[i];
            if (ui == 0f) continue;
            int off = i * cols;
            for (int j = 0; j < cols; j++) w[off + j] += alpha * (ui * v[j]);
        }
    }

    /// out = clamp(a, lo, hi) elementwise. `a` not modified; `out` modified (may be `a`).
    public static void clampInto(float[] a, float lo, float hi, float[] out) {
        for (int i = 0; i < a.length; i++) out[i] = Math.min(Math.max(a[i], lo), hi);
    }

    /// Clamps every element of `a` to `[lo, hi]`; infinite bounds are no-ops.
    public static void clamp(float[] a, double lo, double hi) {
        boolean hasLo = lo != Double.NEGATIVE_INFINITY;
        boolean hasHi = hi != Double.POSITIVE_INFINITY;
        float flo = (float) lo;
        float fhi = (float) hi;
        for (int i = 0; i < a.length; i++) {
            float v = a[i];
            if (hasLo && v < flo) v = flo;
            if (hasHi && v > fhi) v = fhi;
            a[i] = v;
        }
    }

    /// True when every element is finite.
    public static boolean allFinite(float[] a) {
        for (float v : a) if (!Float.isFinite(v)) return false;
        return true;
    }

    /// Row-wise L1 normalisation then scaling (EIANN `normalize_weight`), summing each row in order.
    public static void normalizeRows(float[] w, int rows, int cols, float scale) {
        for (int i = 0; i < rows; i++) {
            int off = i * cols;
            float sum = 0f;
            for (int j = 0; j < cols; j++) sum += Math.abs(w[off + j]);
            if (sum > 0f) for (int j = 0; j < cols; j++) w[off + j] = w[off + j] / sum;
        }
        for (int i = 0; i < w.length; i++) w[i] *= scale;
    }
}

package dev.apical.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/// Dense float32 kernels on row-major matrices (element (i, j) of a `rows x cols` matrix at `i * cols + j`),
/// written with the Vector API and writing into caller-supplied buffers; no allocation. [ScalarKernels] holds
/// the plain-loop reference each kernel is tested against. Element-wise kernels round exactly as the
/// reference; dot products sum in a different order (lanes, then a fixed butterfly), so they agree to float rounding; every
/// kernel gives the same bits on every run, compiled or interpreted.
public final class Kernels {
    private Kernels() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /// Butterfly shuffles (lane i and lane i xor k) for a horizontal sum in a fixed order.
    private static final VectorShuffle<Float> X1 = butterfly(1), X2 = butterfly(2), X4 = butterfly(4), X8 = butterfly(8);

    private static VectorShuffle<Float> butterfly(int k) {
        return VectorShuffle.fromOp(S, i -> k < L ? i ^ k : i);
    }

    /// Sum of the lanes in a fixed butterfly order. `reduceLanes(ADD)` may sum floats in a different order in
    /// compiled and interpreted code, which would make results depend on JIT timing; this does not.
    private static float sum(FloatVector v) {
        if (L >= 16) v = v.add(v.rearrange(X8));
        if (L >= 8) v = v.add(v.rearrange(X4));
        if (L >= 4) v = v.add(v.rearrange(X2));
        if (L >= 2) v = v.add(v.rearrange(X1));
        if (L > 16) {
            float t = 0f;
            for (int i = 0; i < L; i += 16) t += v.lane(i);
            return t;
        }
        return v.lane(0);
    }

    /// y += W x.
    /// @param w row-major `rows x cols`. Not modified.
    /// @param x length `cols`. Not modified.
    /// @param y length `rows`. Modified. Must not alias `x`.
    public static void gemvAdd(float[] w, int rows, int cols, float[] x, float[] y) {
        rowDotsAdd(w, rows, cols, cols, 1f, false, x, y);
    }

    /// y_i += Σ_{j < n} m_ij x_j for the `rows` rows of m, row i at w[i·ld, i·ld + n); with `scaled`, each
    /// product is (factor · m_ij) · x_j, rounded as if factor · m had been stored. Four rows at a time, each
    /// summed by lanes and then in sum()'s fixed butterfly order.
    static void rowDotsAdd(float[] w, int rows, int n, int ld, float factor, boolean scaled, float[] x, float[] y) {
        int bound = S.loopBound(n);
        FloatVector fv = FloatVector.broadcast(S, factor);
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            int o0 = i * ld, o1 = o0 + ld, o2 = o1 + ld, o3 = o2 + ld;
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector xv = FloatVector.fromArray(S, x, j);
                FloatVector v0 = FloatVector.fromArray(S, w, o0 + j), v1 = FloatVector.fromArray(S, w, o1 + j);
                FloatVector v2 = FloatVector.fromArray(S, w, o2 + j), v3 = FloatVector.fromArray(S, w, o3 + j);
                if (scaled) {
                    v0 = v0.mul(fv);
                    v1 = v1.mul(fv);
                    v2 = v2.mul(fv);
                    v3 = v3.mul(fv);
                }
                a0 = v0.fma(xv, a0);
                a1 = v1.fma(xv, a1);
                a2 = v2.fma(xv, a2);
                a3 = v3.fma(xv, a3);
            }
            // the butterfly of sum(), written out: a vector passed to a call that the JIT does not inline is boxed
            float s0, s1, s2, s3;
            if (L > 16) {
                s0 = sum(a0);
                s1 = sum(a1);
                s2 = sum(a2);
                s3 = sum(a3);
            } else {
                if (L >= 16) { a0 = a0.add(a0.rearrange(X8)); a1 = a1.add(a1.rearrange(X8)); a2 = a2.add(a2.rearrange(X8)); a3 = a3.add(a3.rearrange(X8)); }
                if (L >= 8) { a0 = a0.add(a0.rearrange(X4)); a1 = a1.add(a1.rearrange(X4)); a2 = a2.add(a2.rearrange(X4)); a3 = a3.add(a3.rearrange(X4)); }
                if (L >= 4) { a0 = a0.add(a0.rearrange(X2)); a1 = a1.add(a1.rearrange(X2)); a2 = a2.add(a2.rearrange(X2)); a3 = a3.add(a3.rearrange(X2)); }
                if (L >= 2) { a0 = a0.add(a0.rearrange(X1)); a1 = a1.add(a1.rearrange(X1)); a2 = a2.add(a2.rearrange(X1)); a3 = a3.add(a3.rearrange(X1)); }
                s0 = a0.lane(0);
                s1 = a1.lane(0);
                s2 = a2.lane(0);
                s3 = a3.lane(0);
            }
            for (; j < n; j++) {
                float xj = x[j];
                s0 += (scaled ? factor * w[o0 + j] : w[o0 + j]) * xj;
                s1 += (scaled ? factor * w[o1 + j] : w[o1 + j]) * xj;
                s2 += (scaled ? factor * w[o2 + j] : w[o2 + j]) * xj;
                s3 += (scaled ? factor * w[o3 + j] : w[o3 + j]) * xj;
            }
            y[i] += s0;
            y[i + 1] += s1;
            y[i + 2] += s2;
            y[i + 3] += s3;
        }
        for (; i < rows; i++) y[i] += dot(w, i * ld, x, 0, n, bound, factor, scaled);
    }



    /// Each row i of the row-major `rows x cols` matrix W with S_i = Σ_j |W_ij| > 0 becomes (W_i / S_i)·scale, a
    /// row with S_i = 0 becomes W_i·scale (EIANN's `normalize_weight`: divide by the row's L1 norm, then scale,
    /// rounding after each). S_i is summed by lanes, then in the fixed butterfly order.
    public static void normalizeRows(float[] w, int rows, int cols, float scale) {
        int bound = S.loopBound(cols);
        FloatVector sv = FloatVector.broadcast(S, scale);
        for (int i = 0; i < rows; i++) {
            int off = i * cols, j = 0;
            FloatVector acc = FloatVector.zero(S);
            for (; j < bound; j += L) acc = acc.add(FloatVector.fromArray(S, w, off + j).abs());
            float sum;
            if (L > 16) sum = sum(acc);
            else { // sum()'s butterfly, written out (see rowDotsAdd)
                if (L >= 16) acc = acc.add(acc.rearrange(X8));
                if (L >= 8) acc = acc.add(acc.rearrange(X4));
                if (L >= 4) acc = acc.add(acc.rearrange(X2));
                if (L >= 2) acc = acc.add(acc.rearrange(X1));
                sum = acc.lane(0);
            }
            for (; j < cols; j++) sum += Math.abs(w[off + j]);
            j = 0;
            if (sum > 0f) {
                FloatVector d = FloatVector.broadcast(S, sum);
                for (; j < bound; j += L) FloatVector.fromArray(S, w, off + j).div(d).mul(sv).intoArray(w, off + j);
                for (; j < cols; j++) w[off + j] = w[off + j] / sum * scale;
            } else {
                for (; j < bound; j += L) FloatVector.fromArray(S, w, off + j).mul(sv).intoArray(w, off + j);
                for (; j < cols; j++) w[off + j] *= scale;
            }
        }
    }

    /// a_i = s_i if s_i > 0, else 0 (NaN gives 0, as the scalar `s > 0 ? s : 0`). `a` may be `s`.
    public static void relu(float[] s, float[] a) {
        int n = s.length, bound = S.loopBound(n), i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, s, i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(a, i);
        }
        for (; i < n; i++) a[i] = s[i] > 0f ? s[i] : 0f;
    }

    /// C += A · Wᵀ: for each of `batch` rows a of A (length k) and each of the `n` rows w of W (length k),
    /// C[b, i] += w_i · a_b. Register-tiled 4 x 4; the batched form of [#gemvAdd].
    /// @param a row-major `batch x k`. Not modified.
    /// @param w row-major `n x k`. Not modified.
    /// @param c row-major `batch x n`. Modified. Must not alias `a` or `w`.
    public static void gemmTransposedAdd(float[] a, int batch, float[] w, int n, int k, float[] c) {
        int bound = S.loopBound(k);
        float[] lanes = new float[16 * Math.max(L, 2)];
        int b = 0;
        for (; b + 3 < batch; b += 4) {
            int a0 = b * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
            int i = 0;
            for (; i + 3 < n; i += 4) tile4x4(a, a0, a1, a2, a3, w, i * k, k, bound, c, b * n + i, n, lanes);
            for (; i < n; i++)
                for (int r = 0; r < 4; r++) c[(b + r) * n + i] += dot(w, i * k, a, (b + r) * k, k, bound, 1f, false);
        }
        for (; b < batch; b++)
            for (int i = 0; i < n; i++) c[b * n + i] += dot(w, i * k, a, b * k, k, bound, 1f, false);
    }

    private static void tile4x4(float[] a, int a0, int a1, int a2, int a3, float[] w, int w0, int k, int bound,
                                float[] c, int c0, int n, float[] lanes) {
        int w1 = w0 + k, w2 = w1 + k, w3 = w2 + k;
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
        FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector v0 = FloatVector.fromArray(S, w, w0 + j), v1 = FloatVector.fromArray(S, w, w1 + j);
            FloatVector v2 = FloatVector.fromArray(S, w, w2 + j), v3 = FloatVector.fromArray(S, w, w3 + j);
            FloatVector x = FloatVector.fromArray(S, a, a0 + j);
            s00 = v0.fma(x, s00); s01 = v1.fma(x, s01); s02 = v2.fma(x, s02); s03 = v3.fma(x, s03);
            x = FloatVector.fromArray(S, a, a1 + j);
            s10 = v0.fma(x, s10); s11 = v1.fma(x, s11); s12 = v2.fma(x, s12); s13 = v3.fma(x, s13);
            x = FloatVector.fromArray(S, a, a2 + j);
            s20 = v0.fma(x, s20); s21 = v1.fma(x, s21); s22 = v2.fma(x, s22); s23 = v3.fma(x, s23);
            x = FloatVector.fromArray(S, a, a3 + j);
            s30 = v0.fma(x, s30); s31 = v1.fma(x, s31); s32 = v2.fma(x, s32); s33 = v3.fma(x, s33);
        }
        // the 16 accumulators are summed lane by lane in scalar code, a fixed order in compiled and interpreted code
        s00.intoArray(lanes, 0); s01.intoArray(lanes, L); s02.intoArray(lanes, 2 * L); s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L); s11.intoArray(lanes, 5 * L); s12.intoArray(lanes, 6 * L); s13.intoArray(lanes, 7 * L);
        s20.intoArray(lanes, 8 * L); s21.intoArray(lanes, 9 * L); s22.intoArray(lanes, 10 * L); s23.intoArray(lanes, 11 * L);
        s30.intoArray(lanes, 12 * L); s31.intoArray(lanes, 13 * L); s32.intoArray(lanes, 14 * L); s33.intoArray(lanes, 15 * L);
        for (int r = 0; r < 4; r++) {
            int ar = r == 0 ? a0 : r == 1 ? a1 : r == 2 ? a2 : a3;
            for (int q = 0; q < 4; q++) {
                int off = (r * 4 + q) * L;
                float t0 = 0f, t1 = 0f;
                for (int l = 0; l < L; l += 2) {
                    t0 += lanes[off + l];
                    t1 += lanes[off + l + 1];
                }
                float t = t0 + t1;
                int wq = w0 + q * k;
                for (int jj = j; jj < k; jj++) t += w[wq + jj] * a[ar + jj];
                c[c0 + r * n + q] += t;
            }
        }
    }

    /// Σ_{j < k} w[wOff + j] · a[aOff + j] (each w scaled by `factor` first when `scaled`), by lanes and then in
    /// sum()'s butterfly order.
    private static float dot(float[] w, int wOff, float[] a, int aOff, int k, int bound, float factor, boolean scaled) {
        FloatVector acc = FloatVector.zero(S), fv = FloatVector.broadcast(S, factor);
        int j = 0;
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(S, w, wOff + j);
            if (scaled) v = v.mul(fv);
            acc = v.fma(FloatVector.fromArray(S, a, aOff + j), acc);
        }
        float s;
        if (L > 16) s = sum(acc);
        else { // sum()'s butterfly, written out (see rowDotsAdd)
            if (L >= 16) acc = acc.add(acc.rearrange(X8));
            if (L >= 8) acc = acc.add(acc.rearrange(X4));
            if (L >= 4) acc = acc.add(acc.rearrange(X2));
            if (L >= 2) acc = acc.add(acc.rearrange(X1));
            s = acc.lane(0);
        }
        for (; j < k; j++) s += (scaled ? factor * w[wOff + j] : w[wOff + j]) * a[aOff + j];
        return s;
    }

    /// out += Wᵀ g.
    /// @param w   row-major `rows x cols`. Not modified.
    /// @param g   length `rows`. Not modified.
    /// @param out length `cols`. Modified.
    public static void gemvTransposedAdd(float[] w, int rows, int cols, float[] g, float[] out) {
        int bound = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            float gi = g[i];
            if (gi == 0f) continue;
            int off = i * cols;
            FloatVector gv = FloatVector.broadcast(S, gi);
            int j = 0;
            for (; j < bound; j += L)
                FloatVector.fromArray(S, w, off + j).fma(gv, FloatVector.fromArray(S, out, j)).intoArray(out, j);
            for (; j < cols; j++) out[j] += w[off + j] * gi;
        }
    }

    /// W += alpha · u ⊗ v (rank-one update; alpha·u_i is formed first).
    /// @param u length `rows`. Not modified.
    /// @param v length `cols`. Not modified.
    /// @param w row-major `rows x cols`. Modified.
    public static void outerAdd(float alpha, float[] u, float[] v, float[] w, int rows, int cols) {
        int bound = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            float ui = alpha * u[i];
            if (ui == 0f) continue;
            int off = i * cols;
            FloatVector uv = FloatVector.broadcast(S, ui);
            int j = 0;
            for (; j < bound; j += L)
                FloatVector.fromArray(S, w, off + j).add(FloatVector.fromArray(S, v, j).mul(uv)).intoArray(w, off + j);
            for (; j < cols; j++) w[off + j] += ui * v[j];
        }
    }

    /// W += alpha · (u ⊗ v), rounding as `W += alpha * outer(u, v)` does in float32: each product u_i·v_j is
    /// formed first, then scaled, then added (no fused multiply-add).
    /// @param u length `rows`. Not modified.
    /// @param v length `cols`. Not modified.
    /// @param w row-major `rows x cols`. Modified.
    public static void addScaledOuter(float alpha, float[] u, float[] v, float[] w, int rows, int cols) {
        addScaledOuterClamped(alpha, u, v, w, rows, cols, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    }

    /// W += alpha · (u ⊗ v − p ⊗ q), rounding as `W += alpha * (outer(u, v) - outer(p, q))` does in float32: both
    /// products are formed, subtracted, then scaled.
    /// @param u,p length `rows`. Not modified.
    /// @param v,q length `cols`. Not modified.
    /// @param w   row-major `rows x cols`. Modified.
    public static void addScaledOuterDifference(float alpha, float[] u, float[] v, float[] p, float[] q, float[] w,
                                                int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            float ui = u[i], pi = p[i];
            if (ui == 0f && pi == 0f) continue;
            int off = i * cols;
            for (int j = 0; j < cols; j++) w[off + j] += alpha * (ui * v[j] - pi * q[j]);
        }
    }

    /// [#addScaledOuter] followed by clamping every updated row to [lo, hi] (rows with u_i = 0 are untouched,
    /// so already within bounds). Equals the update followed by a clamp of the whole matrix when W was within
    /// bounds before.
    public static void addScaledOuterClamped(float alpha, float[] u, float[] v, float[] w, int rows, int cols, float lo, float hi) {
        int bound = S.loopBound(cols);
        FloatVector av = FloatVector.broadcast(S, alpha), lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
        for (int i = 0; i < rows; i++) {
            float ui = u[i];
            if (ui == 0f) continue;
            int off = i * cols;
            FloatVector uv = FloatVector.broadcast(S, ui);
            int j = 0;
            for (; j < bound; j += L)
                FloatVector.fromArray(S, w, off + j).add(FloatVector.fromArray(S, v, j).mul(uv).mul(av)).max(lov).min(hiv)
                        .intoArray(w, off + j);
            for (; j < cols; j++) w[off + j] = Math.min(Math.max(w[off + j] + alpha * (ui * v[j]), lo), hi);
        }
    }

    /// y += (factor · Sᵀ) x without forming the transpose: for each row j of S (`sRows x sCols`) with x_j != 0,
    /// y += (factor · S[j, ·]) · x_j. Each product is rounded as if (factor · Sᵀ) had been stored in float32.
    /// @param y length `sCols`. Modified.
    public static void scaledTransposeAdd(float[] s, int sRows, int sCols, float factor, float[] x, float[] y) {
        int bound = S.loopBound(sCols);
        FloatVector fv = FloatVector.broadcast(S, factor);
        for (int j = 0; j < sRows; j++) {
            float xj = x[j];
            if (xj == 0f) continue;
            int off = j * sCols;
            FloatVector xv = FloatVector.broadcast(S, xj);
            int i = 0;
            for (; i < bound; i += L)
                FloatVector.fromArray(S, y, i).add(FloatVector.fromArray(S, s, off + i).mul(fv).mul(xv)).intoArray(y, i);
            for (; i < sCols; i++) y[i] += (factor * s[off + i]) * xj;
        }
    }

    /// out = factor · Sᵀ (`S` is `sRows x sCols`, `out` is `sCols x sRows`), walked in cache-sized tiles.
    public static void scaledTranspose(float[] s, int sRows, int sCols, float factor, float[] out) {
        final int tile = 32;
        for (int i0 = 0; i0 < sCols; i0 += tile)
            for (int j0 = 0; j0 < sRows; j0 += tile) {
                int i1 = Math.min(sCols, i0 + tile), j1 = Math.min(sRows, j0 + tile);
                for (int j = j0; j < j1; j++)
                    for (int i = i0; i < i1; i++) out[i * sRows + j] = factor * s[j * sCols + i];
            }
    }

    /// out = clamp(a, lo, hi) elementwise. `a` not modified; `out` modified (may be `a`).
    public static void clampInto(float[] a, float lo, float hi, float[] out) {
        int bound = S.loopBound(a.length);
        FloatVector lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
        int i = 0;
        for (; i < bound; i += L) FloatVector.fromArray(S, a, i).max(lov).min(hiv).intoArray(out, i);
        for (; i < a.length; i++) out[i] = Math.min(Math.max(a[i], lo), hi);
    }

    /// Clamps every element of `a` to `[lo, hi]`; infinite bounds are no-ops.
    public static void clamp(float[] a, double lo, double hi) {
        boolean hasLo = lo != Double.NEGATIVE_INFINITY;
        boolean hasHi = hi != Double.POSITIVE_INFINITY;
        if (!hasLo && !hasHi) return;
        float flo = hasLo ? (float) lo : Float.NEGATIVE_INFINITY;
        float fhi = hasHi ? (float) hi : Float.POSITIVE_INFINITY;
        clampInto(a, flo, fhi, a);
    }

    /// True when every element is finite.
    public static boolean allFinite(float[] a) {
        for (float v : a) if (!Float.isFinite(v)) return false;
        return true;
    }
}

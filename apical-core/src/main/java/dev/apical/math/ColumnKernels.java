package dev.apical.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/// Kernels on column copies of row-major matrices: column j of a `rows x cols` matrix W stored contiguously at
/// c[j·ld, j·ld + rows), ld = [#columnStride]`(rows)`, the padding zero. Products through such a copy skip the
/// columns whose presynaptic rate is zero ([#columnsAdd]); updates keep the copy exactly the transpose of the
/// matrix the row-major kernels of [Kernels] would produce, or within float rounding where documented. Every
/// kernel gives the same bits on every run, compiled or interpreted.
public final class ColumnKernels {
    private ColumnKernels() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /// Leading dimension of a column-major copy of a matrix with `rows` rows: `rows` rounded up to whole vectors,
    /// so every column starts on a vector boundary and the padding is never read as data.
    public static int columnStride(int rows) {
        return (rows + L - 1) / L * L;
    }

    /// c = Wᵀ with padded columns: column j of the row-major `rows x cols` matrix W at
    /// c[j·ld, j·ld + rows); the padding c[j·ld + rows, (j+1)·ld) is set to 0.
    /// @param c length `cols · ld`, ld = [#columnStride]`(rows)`. Modified.
    public static void toColumns(float[] w, int rows, int cols, float[] c) {
        int ld = columnStride(rows);
        java.util.Arrays.fill(c, 0f);
        for (int i0 = 0; i0 < rows; i0 += 16)
            for (int j0 = 0; j0 < cols; j0 += 16)
                for (int i = i0, ie = Math.min(rows, i0 + 16); i < ie; i++)
                    for (int j = j0, je = Math.min(cols, j0 + 16); j < je; j++) c[j * ld + i] = w[i * cols + j];
    }

    /// y += W x with W stored by columns ([#toColumns]), skipping every column whose x_j is 0 (sparse
    /// presynaptic rates: a relu population or an image is mostly zeros). Each output sums its products
    /// x_j·W_ij over j in increasing order with fused multiply-adds, and the sum is then added to y: agrees with
    /// [Kernels#gemvAdd] to float rounding, and gives the same bits on every run.
    /// @param c       the columns, length `cols · ld`. Not modified.
    /// @param x       length `cols`. Not modified.
    /// @param y       length `rows`. Modified. Must not alias `x`.
    /// @param nonzero scratch, length >= `cols` + the vector length
    /// @param acc     scratch, length >= ld
    public static void columnsAdd(float[] c, int rows, int cols, float[] x, float[] y, int[] nonzero, float[] acc) {
        int ld = columnStride(rows);
        int n = nonzeroIndices(x, cols, nonzero);
        int r = 0;
        for (; r + 8 * L <= ld; r += 8 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            for (int k = 0; k < n; k++) {
                int j = nonzero[k];
                FloatVector xv = FloatVector.broadcast(S, x[j]);
                int o = j * ld + r;
                a0 = FloatVector.fromArray(S, c, o).fma(xv, a0);
                a1 = FloatVector.fromArray(S, c, o + L).fma(xv, a1);
                a2 = FloatVector.fromArray(S, c, o + 2 * L).fma(xv, a2);
                a3 = FloatVector.fromArray(S, c, o + 3 * L).fma(xv, a3);
                a4 = FloatVector.fromArray(S, c, o + 4 * L).fma(xv, a4);
                a5 = FloatVector.fromArray(S, c, o + 5 * L).fma(xv, a5);
                a6 = FloatVector.fromArray(S, c, o + 6 * L).fma(xv, a6);
                a7 = FloatVector.fromArray(S, c, o + 7 * L).fma(xv, a7);
            }
            a0.intoArray(acc, r);
            a1.intoArray(acc, r + L);
            a2.intoArray(acc, r + 2 * L);
            a3.intoArray(acc, r + 3 * L);
            a4.intoArray(acc, r + 4 * L);
            a5.intoArray(acc, r + 5 * L);
            a6.intoArray(acc, r + 6 * L);
            a7.intoArray(acc, r + 7 * L);
        }
        for (; r + 4 * L <= ld; r += 4 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int k = 0; k < n; k++) {
                int j = nonzero[k];
                FloatVector xv = FloatVector.broadcast(S, x[j]);
                int o = j * ld + r;
                a0 = FloatVector.fromArray(S, c, o).fma(xv, a0);
                a1 = FloatVector.fromArray(S, c, o + L).fma(xv, a1);
                a2 = FloatVector.fromArray(S, c, o + 2 * L).fma(xv, a2);
                a3 = FloatVector.fromArray(S, c, o + 3 * L).fma(xv, a3);
            }
            a0.intoArray(acc, r);
            a1.intoArray(acc, r + L);
            a2.intoArray(acc, r + 2 * L);
            a3.intoArray(acc, r + 3 * L);
        }
        for (; r < ld; r += L) {
            FloatVector a0 = FloatVector.zero(S);
            for (int k = 0; k < n; k++) {
                int j = nonzero[k];
                a0 = FloatVector.fromArray(S, c, j * ld + r).fma(FloatVector.broadcast(S, x[j]), a0);
            }
            a0.intoArray(acc, r);
        }
        int bound = S.loopBound(rows), i = 0;
        for (; i < bound; i += L) FloatVector.fromArray(S, y, i).add(FloatVector.fromArray(S, acc, i)).intoArray(y, i);
        for (; i < rows; i++) y[i] += acc[i];
    }

    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());
    private static final IntVector IOTA = IntVector.zero(I).addIndex(1);
    /// Writes the indices j < n with x_j != 0 (NaN included) to `out` in increasing order; returns their count.
    /// @param out length >= n + the vector length (whole vectors of indices are written)
    public static int nonzeroIndices(float[] x, int n, int[] out) {
        int bound = S.loopBound(n), count = 0, j = 0;
        if (I.length() == L) {
            for (; j < bound; j += L) {
                VectorMask<Integer> m = FloatVector.fromArray(S, x, j).compare(VectorOperators.NE, 0f).cast(I);
                if (!m.anyTrue()) continue;
                IOTA.add(j).compress(m).intoArray(out, count);
                count += m.trueCount();
            }
        }
        for (; j < n; j++) if (x[j] != 0f) out[count++] = j;
        return count;
    }

    /// [Kernels#normalizeRows] on a matrix given by its column copy ([#toColumns]): row i's L1 norm is summed over the
    /// columns in increasing order (in vector lanes across rows), then every element becomes (W_ij / S_i)·scale,
    /// or W_ij·scale where S_i = 0.
    /// @param sums scratch, length >= ld
    public static void normalizeRowsOfColumns(float[] c, int rows, int cols, float scale, float[] sums) {
        int ld = columnStride(rows);
        java.util.Arrays.fill(sums, 0, ld, 0f);
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < ld; i += L)
                FloatVector.fromArray(S, sums, i).add(FloatVector.fromArray(S, c, j * ld + i).abs()).intoArray(sums, i);
        FloatVector sv = FloatVector.broadcast(S, scale);
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < ld; i += L) {
                FloatVector w = FloatVector.fromArray(S, c, j * ld + i), d = FloatVector.fromArray(S, sums, i);
                w.mul(sv).blend(w.div(d).mul(sv), d.compare(VectorOperators.GT, 0f)).intoArray(c, j * ld + i);
            }
    }

    /// The column copy's half of [Kernels#addScaledOuterClamped]: c_j ← clamp(c_j + alpha·(u · v_j)) for every column j
    /// with v_j != 0, rounding each element as [Kernels#addScaledOuterClamped] does, so that c stays exactly the
    /// transpose of W when both start equal and W was within bounds. Columns with v_j = 0 are unchanged.
    /// @param c column-major copy ([#toColumns]). Modified.
    public static void addScaledOuterClampedColumns(float alpha, float[] u, float[] v, float[] c, int rows, int cols,
                                                    float lo, float hi) {
        int ld = columnStride(rows), bound = S.loopBound(rows);
        FloatVector av = FloatVector.broadcast(S, alpha), lov = FloatVector.broadcast(S, lo), hiv = FloatVector.broadcast(S, hi);
        for (int j = 0; j < cols; j++) {
            float vj = v[j];
            if (vj == 0f) continue;
            int off = j * ld;
            FloatVector vv = FloatVector.broadcast(S, vj);
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector uv = FloatVector.fromArray(S, u, i);
                FloatVector.fromArray(S, c, off + i).add(vv.mul(uv).mul(av)).max(lov).min(hiv).intoArray(c, off + i);
            }
            for (; i < rows; i++) {
                if (u[i] == 0f) continue;
                c[off + i] = Math.min(Math.max(c[off + i] + alpha * (u[i] * vj), lo), hi);
            }
        }
    }

    /// y += (factor · Sᵀ) x where S (`sRows x sCols`) is given by its column copy `c` ([#toColumns]): row i of
    /// Sᵀ is c[i·ld, i·ld + sRows), so this is a dot product per output over contiguous memory. Each product is
    /// rounded as if (factor · Sᵀ) had been stored in float32; the sums agree with [Kernels#scaledTransposeAdd] to float
    /// rounding.
    /// @param x length `sRows`. Not modified.
    /// @param y length `sCols`. Modified.
    public static void scaledTransposeAddFromColumns(float[] c, int sRows, int sCols, float factor, float[] x, float[] y) {
        Kernels.rowDotsAdd(c, sCols, sRows, columnStride(sRows), factor, true, x, y);
    }

    /// w = the row-major `rows x cols` matrix whose column copy is `c` ([#toColumns]).
    public static void fromColumns(float[] c, int rows, int cols, float[] w) {
        int ld = columnStride(rows);
        for (int j0 = 0; j0 < cols; j0 += 16)
            for (int i0 = 0; i0 < rows; i0 += 16)
                for (int j = j0, je = Math.min(cols, j0 + 16); j < je; j++)
                    for (int i = i0, ie = Math.min(rows, i0 + 16); i < ie; i++) w[i * cols + j] = c[j * ld + i];
    }

}

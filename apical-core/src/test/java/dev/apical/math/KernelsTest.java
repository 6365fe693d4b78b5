package dev.apical.math;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// The Vector API kernels against the plain-loop reference, on shapes that exercise full vectors, tails and
/// row blocks. Element-wise kernels must agree bit for bit; dot products to float rounding of the sum
/// (|Δ| <= 1e-5 · Σ|w·x|).
class KernelsTest {
    private static float[] random(SplittableRandom r, int n, boolean sparse) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = sparse && r.nextInt(3) == 0 ? 0f : (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    /// Bitwise equality (AssertJ's element-by-element report only when they differ: it is slow on large arrays).
    private static void assertSameBits(float[] actual, float[] expected) {
        if (!java.util.Arrays.equals(actual, expected)) assertThat(actual).containsExactly(expected);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,7", "4,16", "5,17", "13,33", "50,784", "500,500", "10,500", "7,128"})
    void matchReference(int rows, int cols) {
        SplittableRandom r = new SplittableRandom(rows * 1000L + cols);
        float[] w = random(r, rows * cols, false), x = random(r, cols, true), g = random(r, rows, true);

        float[] y1 = random(r, rows, false), y2 = y1.clone();
        Kernels.gemvAdd(w, rows, cols, x, y1);
        ScalarKernels.gemvAdd(w, rows, cols, x, y2);
        for (int i = 0; i < rows; i++) {
            double scale = 0;
            for (int j = 0; j < cols; j++) scale += Math.abs(w[i * cols + j] * x[j]);
            assertThat(y1[i]).as("gemv row %d", i).isCloseTo(y2[i], within((float) (1e-5 * scale + 1e-6)));
        }

        float[] o1 = random(r, cols, false), o2 = o1.clone();
        Kernels.gemvTransposedAdd(w, rows, cols, g, o1);
        ScalarKernels.gemvTransposedAdd(w, rows, cols, g, o2);
        for (int j = 0; j < cols; j++) {
            double scale = 0;
            for (int i = 0; i < rows; i++) scale += Math.abs(w[i * cols + j] * g[i]);
            assertThat(o1[j]).as("gemvT col %d", j).isCloseTo(o2[j], within((float) (1e-5 * scale + 1e-6)));
        }

        float[] w1 = w.clone(), w2 = w.clone();
        Kernels.outerAdd(0.37f, g, x, w1, rows, cols);
        ScalarKernels.outerAdd(0.37f, g, x, w2, rows, cols);
        assertSameBits(w1, w2);

        w1 = w.clone();
        w2 = w.clone();
        Kernels.addScaledOuter(-0.013f, g, x, w1, rows, cols);
        ScalarKernels.addScaledOuter(-0.013f, g, x, w2, rows, cols);
        assertSameBits(w1, w2);

        float[] wb = new float[w.length];
        Kernels.clampInto(w, -0.25f, 0.5f, wb);
        w1 = wb.clone();
        w2 = wb.clone();
        Kernels.addScaledOuterClamped(0.7f, g, x, w1, rows, cols, -0.25f, 0.5f);
        ScalarKernels.addScaledOuter(0.7f, g, x, w2, rows, cols);
        ScalarKernels.clamp(w2, -0.25, 0.5);
        assertSameBits(w1, w2);

        float[] c1 = new float[w.length], c2 = new float[w.length];
        Kernels.clampInto(w, -0.25f, 0.5f, c1);
        ScalarKernels.clampInto(w, -0.25f, 0.5f, c2);
        assertSameBits(c1, c2);
        w1 = w.clone();
        w2 = w.clone();
        Kernels.clamp(w1, 0, Double.POSITIVE_INFINITY);
        ScalarKernels.clamp(w2, 0, Double.POSITIVE_INFINITY);
        assertSameBits(w1, w2);
    }

    /// The column-copy kernels: products that skip zero rates agree with the row-major GEMV to float rounding;
    /// the rank-one update keeps the copy exactly the transpose of the updated matrix; row normalisation and relu
    /// agree with the plain loops.
    @ParameterizedTest
    @CsvSource({"1,1", "3,7", "16,5", "17,33", "50,500", "500,50", "500,784", "10,500", "129,3"})
    void columnKernelsMatchRowMajor(int rows, int cols) {
        SplittableRandom r = new SplittableRandom(rows * 7919L + cols);
        float[] w = random(r, rows * cols, false), x = random(r, cols, true);
        x[0] = 0f;
        int ld = ColumnKernels.columnStride(rows);
        assertThat(ld % FloatVectorLength.L).isZero();
        float[] c = new float[cols * ld];
        ColumnKernels.toColumns(w, rows, cols, c);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) assertThat(c[j * ld + i]).isEqualTo(w[i * cols + j]);
        float[] y1 = random(r, rows, false), y2 = y1.clone();
        ColumnKernels.columnsAdd(c, rows, cols, x, y1, new int[cols + 64], new float[ld]);
        ScalarKernels.gemvAdd(w, rows, cols, x, y2);
        for (int i = 0; i < rows; i++) {
            double scale = 0;
            for (int j = 0; j < cols; j++) scale += Math.abs(w[i * cols + j] * x[j]);
            assertThat(y1[i]).as("columns row %d", i).isCloseTo(y2[i], within((float) (1e-5 * scale + 1e-6)));
        }

        // a projection mirroring c·Wᵀ, read from the column copy: W (rows x cols) is S, so x has length rows
        float[] xs = random(r, rows, true), m1 = random(r, cols, false), m2 = m1.clone();
        ColumnKernels.scaledTransposeAddFromColumns(c, rows, cols, 0.37f, xs, m1);
        Kernels.scaledTransposeAdd(w, rows, cols, 0.37f, xs, m2);
        for (int j = 0; j < cols; j++) {
            double scale = 0;
            for (int i = 0; i < rows; i++) scale += Math.abs(0.37 * w[i * cols + j] * xs[i]);
            assertThat(m1[j]).as("mirror from columns %d", j).isCloseTo(m2[j], within((float) (1e-5 * scale + 1e-6)));
        }

        float[] wb = new float[w.length];
        Kernels.clampInto(w, -0.25f, 0.5f, wb);
        float[] u = random(r, rows, true), v = random(r, cols, true);
        ColumnKernels.toColumns(wb, rows, cols, c);
        Kernels.addScaledOuterClamped(0.7f, u, v, wb, rows, cols, -0.25f, 0.5f);
        ColumnKernels.addScaledOuterClampedColumns(0.7f, u, v, c, rows, cols, -0.25f, 0.5f);
        float[] expected = new float[c.length];
        ColumnKernels.toColumns(wb, rows, cols, expected);
        for (int k = 0; k < c.length; k++) assertThat(c[k] + 0f).as("column copy element %d", k).isEqualTo(expected[k] + 0f);

        int[] idx = new int[cols + 64];
        int n = ColumnKernels.nonzeroIndices(x, cols, idx);
        int[] want = java.util.stream.IntStream.range(0, cols).filter(j -> x[j] != 0f).toArray();
        assertThat(java.util.Arrays.copyOf(idx, n)).containsExactly(want);

        float[] n1 = w.clone(), n2 = w.clone();
        for (int j = 0; j < cols; j++) n1[j] = n2[j] = 0f; // a zero row: scaled only
        Kernels.normalizeRows(n1, rows, cols, 3.5f);
        ScalarKernels.normalizeRows(n2, rows, cols, 3.5f);
        for (int k = 0; k < n1.length; k++) assertThat(n1[k]).as("normalized %d", k).isCloseTo(n2[k], within(1e-5f * Math.abs(n2[k]) + 1e-7f));

        float[] nc = new float[cols * ld];
        float[] n3 = w.clone();
        for (int j = 0; j < cols; j++) n3[j] = 0f;
        ColumnKernels.toColumns(n3, rows, cols, nc);
        ColumnKernels.normalizeRowsOfColumns(nc, rows, cols, 3.5f, new float[ld]);
        float[] n4 = new float[w.length];
        ColumnKernels.fromColumns(nc, rows, cols, n4);
        for (int k = 0; k < n4.length; k++) assertThat(n4[k]).as("normalized columns %d", k).isCloseTo(n2[k], within(1e-5f * Math.abs(n2[k]) + 1e-7f));
        for (int j = 0; j < cols; j++) for (int i = rows; i < ld; i++) assertThat(nc[j * ld + i]).isZero();

        float[] s = random(r, rows * cols, false), a1 = new float[s.length], a2 = new float[s.length];
        s[0] = Float.NaN;
        Kernels.relu(s, a1);
        for (int k = 0; k < s.length; k++) a2[k] = s[k] > 0f ? s[k] : 0f;
        assertSameBits(a1, a2);
    }

    private static final class FloatVectorLength {
        static final int L = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
    }

    /// The same inputs give the same bits on every call, before and after the JIT compiles the kernels (a
    /// lane reduction whose order changed with compilation once made training runs differ).
    @org.junit.jupiter.api.Test
    void resultsDoNotDependOnCompilation() {
        SplittableRandom r = new SplittableRandom(17);
        int rows = 37, cols = 301, batch = 6;
        float[] w = random(r, rows * cols, false), x = random(r, cols, true), a = random(r, batch * cols, true);
        float[] first = null, firstBatch = null;
        for (int call = 0; call < 30_000; call++) {
            float[] y = new float[rows];
            Kernels.gemvAdd(w, rows, cols, x, y);
            float[] c = new float[batch * rows];
            if (call % 100 == 0) Kernels.gemmTransposedAdd(a, batch, w, rows, cols, c);
            if (first == null) {
                first = y;
                firstBatch = c;
            } else {
                if (!java.util.Arrays.equals(y, first)) assertThat(y).as("gemv call %d", call).containsExactly(first);
                if (call % 100 == 0 && !java.util.Arrays.equals(c, firstBatch))
                    assertThat(c).as("gemm call %d", call).containsExactly(firstBatch);
            }
        }
    }
}

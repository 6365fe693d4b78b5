package dev.apical.bench;

import dev.apical.math.ColumnKernels;
import dev.apical.math.Kernels;
import dev.apical.math.ScalarKernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/// The dense kernels of [Kernels] (Vector API) against the plain loops of [ScalarKernels], at the shapes of the
/// MNIST networks: a 500 x 784 weight matrix (hidden layer from the input), a batch of 256 for the batched
/// evaluation GEMM, and a 500·784-element clamp. `gemmTransposedAdd` has no scalar twin; its references are
/// 256 scalar GEMVs and 256 vector GEMVs. Average time per call in microseconds.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelBenchmark {
    static final int ROWS = 500, COLS = 784, BATCH = 256;

    float[] w, x, y, g, xt, u, v, a, c, big, clamped, columns, acc, xSparse;
    int[] nonzero;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(7);
        w = random(r, ROWS * COLS, 0.05);
        x = random(r, COLS, 1);
        y = new float[ROWS];
        g = random(r, ROWS, 1);
        xt = new float[COLS];
        u = random(r, ROWS, 1);
        v = random(r, COLS, 1);
        a = random(r, BATCH * COLS, 1);
        c = new float[BATCH * ROWS];
        big = random(r, ROWS * COLS, 2);
        clamped = new float[big.length];
        columns = new float[COLS * ColumnKernels.columnStride(ROWS)];
        ColumnKernels.toColumns(w, ROWS, COLS, columns);
        nonzero = new int[COLS + 64];
        acc = new float[ColumnKernels.columnStride(ROWS)];
        xSparse = x.clone();
        for (int j = 0; j < COLS; j++) if (r.nextInt(5) != 0) xSparse[j] = 0f;
    }

    static float[] random(SplittableRandom r, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) ((r.nextDouble() - 0.5) * scale);
        return out;
    }

    @Benchmark public float[] gemvAdd_vector() { Kernels.gemvAdd(w, ROWS, COLS, x, y); return y; }
    @Benchmark public float[] gemvAdd_scalar() { ScalarKernels.gemvAdd(w, ROWS, COLS, x, y); return y; }

    @Benchmark public float[] gemvTransposedAdd_vector() { Kernels.gemvTransposedAdd(w, ROWS, COLS, g, xt); return xt; }
    @Benchmark public float[] gemvTransposedAdd_scalar() { ScalarKernels.gemvTransposedAdd(w, ROWS, COLS, g, xt); return xt; }

    @Benchmark public float[] addScaledOuter_vector() { Kernels.addScaledOuter(1e-9f, u, v, w, ROWS, COLS); return w; }
    @Benchmark public float[] addScaledOuter_scalar() { ScalarKernels.addScaledOuter(1e-9f, u, v, w, ROWS, COLS); return w; }

    @Benchmark public float[] gemmTransposedAdd_vector() { Kernels.gemmTransposedAdd(a, BATCH, w, ROWS, COLS, c); return c; }

    /// The batch as 256 separate vector GEMVs (what the tiled GEMM replaces).
    @Benchmark public float[] gemmTransposedAdd_asVectorGemvs() {
        for (int b = 0; b < BATCH; b++) gemvRow(true, b);
        return c;
    }

    /// The batch as 256 scalar GEMVs.
    @Benchmark public float[] gemmTransposedAdd_scalar() {
        for (int b = 0; b < BATCH; b++) gemvRow(false, b);
        return c;
    }

    private void gemvRow(boolean vector, int b) {
        System.arraycopy(a, b * COLS, x, 0, COLS);
        if (vector) Kernels.gemvAdd(w, ROWS, COLS, x, y);
        else ScalarKernels.gemvAdd(w, ROWS, COLS, x, y);
        System.arraycopy(y, 0, c, b * ROWS, ROWS);
    }

    /// y += W x through the column copy, every rate non-zero (the same multiply-adds as the GEMV).
    @Benchmark public float[] columnsAdd_dense() { ColumnKernels.columnsAdd(columns, ROWS, COLS, x, y, nonzero, acc); return y; }

    /// y += W x through the column copy with 20 % of the rates non-zero (an MNIST image, a relu layer), which
    /// skips the other 80 % of the columns.
    @Benchmark public float[] columnsAdd_sparse20() { ColumnKernels.columnsAdd(columns, ROWS, COLS, xSparse, y, nonzero, acc); return y; }

    /// The rank-one clamped update on the column copy with 20 % of the presynaptic rates non-zero.
    @Benchmark public float[] addScaledOuterClampedColumns_sparse20() {
        ColumnKernels.addScaledOuterClampedColumns(1e-9f, u, xSparse, columns, ROWS, COLS, -1f, 1f);
        return columns;
    }

    /// The same update on the row-major matrix (it cannot skip the zero rates).
    @Benchmark public float[] addScaledOuterClamped_sparse20() {
        Kernels.addScaledOuterClamped(1e-9f, u, xSparse, w, ROWS, COLS, -1f, 1f);
        return w;
    }

    /// EIANN's normalize_weight on 500x784 (row L1 norms, divide, scale).
    @Benchmark public float[] normalizeRows_vector() { Kernels.normalizeRows(w, ROWS, COLS, 1f); return w; }
    @Benchmark public float[] normalizeRows_scalar() { ScalarKernels.normalizeRows(w, ROWS, COLS, 1f); return w; }
    @Benchmark public float[] normalizeRowsOfColumns() { ColumnKernels.normalizeRowsOfColumns(columns, ROWS, COLS, 1f, acc); return columns; }

    @Benchmark public float[] clampInto_vector() { Kernels.clampInto(big, -0.5f, 0.5f, clamped); return clamped; }
    @Benchmark public float[] clampInto_scalar() { ScalarKernels.clampInto(big, -0.5f, 0.5f, clamped); return clamped; }
}

package dev.apical.datasets;

import dev.apical.math.Mt19937;

/// PyTorch's default CPU generator after `torch.manual_seed(seed)` (MT19937 with `init_genrand`), with the
/// float32 draws EIANN's spiral generator uses: [#uniformFloat()] and [#randn(int)] as `torch.randn(n)`
/// computes them on an AVX2 machine.
///
/// `torch.randn(n)` for float32 and `n >= 16` (`normal_fill_AVX2`): draw `n` uniforms `u` in `[0, 1)` from
/// 24 random bits each; for each block of 16, Box-Muller pairs element `j` with `j + 8`:
/// `r = sqrt(-2 log(1 - u[j]))`, `theta = 2 pi u[j+8]`, `out[j] = r cos(theta)`, `out[j+8] = r sin(theta)`.
/// If `n` is not a multiple of 16, the last 16 elements are drawn afresh and transformed again.
/// Smaller tensors take a different (double-precision) path that is not reproduced here.
public final class TorchCpuRandom {
    private static final float TWO_PI = (float) (2.0 * Math.PI);
    private final Mt19937 mt;

    /// The generator after `torch.manual_seed(seed)` (low 32 bits are used by the engine).
    public TorchCpuRandom(long seed) {
        mt = new Mt19937(seed);
    }

    /// The next 32 random bits (`random()`), unsigned.
    public long nextUInt32() {
        return mt.nextUInt32();
    }

    /// A float in `[0, 1)` from the low 24 bits of one 32-bit draw (`uniform_real_distribution<float>`).
    public float uniformFloat() {
        return (float) ((mt.nextInt() & 0xffffff) * 0x1.0p-24);
    }

    /// `torch.randn(n)` in float32; requires `n >= 16`.
    public float[] randn(int n) {
        if (n < 16)
            throw new IllegalArgumentException("torch.randn is reproduced for at least 16 elements, got " + n);
        float[] data = new float[n];
        for (int i = 0; i < n; i++) data[i] = uniformFloat();
        float[] sc = new float[2];
        for (int i = 0; i + 16 <= n; i += 16) boxMuller16(data, i, sc);
        if (n % 16 != 0) {
            int start = n - 16;
            for (int i = 0; i < 16; i++) data[start + i] = uniformFloat();
            boxMuller16(data, start, sc);
        }
        return data;
    }

    private static void boxMuller16(float[] d, int off, float[] sc) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - d[off + j];
            float u2 = d[off + j + 8];
            float radius = (float) Math.sqrt(-2f * AvxMathFun.log(u1));
            float theta = TWO_PI * u2;
            AvxMathFun.sincos(theta, sc);
            d[off + j] = radius * sc[1];
            d[off + j + 8] = radius * sc[0];
        }
    }

    /// `torch.linspace(start, end, steps)` in float32 as PyTorch's AVX2 CPU kernel fills it: the first half
    /// counts up from `start`, the second half down from `end`, in 8-wide vectors whose lanes add `k * step`
    /// to the vector's first value; the last `steps % 16` values are computed one by one.
    public static float[] linspace(float start, float end, int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be positive, got " + steps);
        float[] out = new float[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (float) (steps - 1);
        int halfway = steps / 2;
        int vectorEnd = steps - steps % 16;
        int idx = 0;
        for (; idx < vectorEnd; idx += 8) {
            float base = idx < halfway ? start + step * idx : end - step * (steps - idx - 1);
            for (int k = 0; k < 8; k++) out[idx + k] = base + k * step;
        }
        for (; idx < steps; idx++) out[idx] = idx < halfway ? start + step * idx : end - step * (steps - idx - 1);
        return out;
    }
}

package dev.apical.datasets;

/// EIANN's spiral generator, `EIANN.utils.generate_spiral_data(arm_size, K, sigma, seed, offset)`,
/// reproduced in float32 (eiann-spec 9.4).
///
/// EIANN (commit b8b187f) seeds numpy and torch with `seed`, but draws everything from torch:
/// `t = torch.linspace(0, 1, arm_size)`, then for each arm `k` (points appended arm by arm, label `k`):
/// ```
/// x1 = t * (sin(2*pi/K * (2*t + k)) + sigma * torch.randn(arm_size)) + offset
/// x2 = t * (cos(2*pi/K * (2*t + k)) + sigma * torch.randn(arm_size)) + offset
/// ```
/// with the `x1` noise drawn before the `x2` noise. All tensor arithmetic is float32 (Python scalars such as
/// `2*pi/K`, `sigma` and `offset` are rounded to float32 first). The random draws follow [TorchCpuRandom];
/// `sin` and `cos` are rounded from double, where torch's vectorized float sine may differ in the last bit.
public final class Spirals {
    private Spirals() {}

    /// The spiral data set of `arms * armSize` points; `armSize` must be at least 16.
    public static SpiralPoints generate(int armSize, int arms, double sigma, long seed, double offset) {
        if (armSize < 16) throw new IllegalArgumentException("arm size must be at least 16, got " + armSize);
        if (arms < 1) throw new IllegalArgumentException("number of arms must be positive, got " + arms);
        TorchCpuRandom rng = new TorchCpuRandom(seed);
        float[] t = TorchCpuRandom.linspace(0f, 1f, armSize);
        float angleScale = (float) (2 * Math.PI / arms);
        float s = (float) sigma;
        float off = (float) offset;
        float[] xy = new float[2 * arms * armSize];
        int[] labels = new int[arms * armSize];
        for (int k = 0; k < arms; k++) {
            float[] n1 = rng.randn(armSize);
            float[] n2 = rng.randn(armSize);
            for (int i = 0; i < armSize; i++) {
                float angle = angleScale * (2f * t[i] + (float) k);
                int p = k * armSize + i;
                xy[2 * p] = t[i] * ((float) StrictMath.sin(angle) + s * n1[i]) + off;
                xy[2 * p + 1] = t[i] * ((float) StrictMath.cos(angle) + s * n2[i]) + off;
                labels[p] = k;
            }
        }
        return new SpiralPoints(xy, labels, arms);
    }

    /// `generate_spiral_data` with EIANN's defaults for `K`, `sigma` and `offset` (4, 0.16, 0).
    public static SpiralPoints generate(int armSize, long seed) {
        return generate(armSize, 4, 0.16, seed, 0.0);
    }
}

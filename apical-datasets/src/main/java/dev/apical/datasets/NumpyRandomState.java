package dev.apical.datasets;

import dev.apical.math.Mt19937;

/// numpy's legacy `numpy.random.RandomState(seed)` for an integer seed, reproducing its streams exactly:
/// [#randomSample()], [#standardNormal()] / [#randn(int)] and [#permutation(int)].
///
/// EIANN's conformance fixtures order their training samples with `RandomState(0).permutation(n)`.
public final class NumpyRandomState {
    private final Mt19937 mt;
    private boolean hasGauss;
    private double gauss;

    /// `RandomState(seed)`; numpy accepts seeds in `[0, 2^32)`.
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL)
            throw new IllegalArgumentException("numpy seed must be between 0 and 2**32 - 1, got " + seed);
        mt = new Mt19937(seed);
    }

    /// A uniform double in `[0, 1)` from 53 random bits (`random_sample`).
    public double randomSample() {
        long a = mt.nextUInt32() >>> 5;
        long b = mt.nextUInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// A standard normal draw by the polar method with a cached second value (numpy's `legacy_gauss`).
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0.0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * StrictMath.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /// `n` standard normal draws (`randn(n)`).
    public double[] randn(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = standardNormal();
        return out;
    }

    /// A uniform integer in `[0, max]` by masked rejection sampling of 32- or 64-bit draws (`random_interval`).
    public long randomInterval(long max) {
        if (max < 0) throw new IllegalArgumentException("max must be non-negative, got " + max);
        if (max == 0) return 0;
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xffffffffL) {
            do value = mt.nextUInt32() & mask; while (value > max);
        } else {
            do value = ((mt.nextUInt32() << 32) | mt.nextUInt32()) & mask; while (value > max);
        }
        return value;
    }

    /// A random permutation of `0..n-1` (`permutation(n)`: numpy's legacy Fisher-Yates shuffle of `arange(n)`).
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) randomInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}

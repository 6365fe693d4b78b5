package dev.apical.math;

/// The draws of PyTorch's CPU generator (MT19937 after `torch.manual_seed`) that EIANN's initialisation and
/// data order use: `Tensor.uniform_` on float32 and `torch.randperm`.
public final class TorchRandom {
    private final Mt19937 mt;

    public TorchRandom(long seed) {
        this.mt = new Mt19937(seed);
    }

    /// `tensor.uniform_(from, to)` on a float32 tensor: each element takes 24 random bits,
    /// x = bits · 2⁻²⁴ (double), value = (float)(x · (to − from) + from) with `from`, `to` and `to − from` in float.
    public void uniform(float[] out, double from, double to) {
        float f = (float) from;
        float t = (float) to;
        double range = t - f;
        for (int i = 0; i < out.length; i++) {
            double x = (mt.nextUInt32() & 0xFFFFFFL) * 0x1.0p-24;
            out[i] = (float) (x * range + f);
        }
    }

    /// `torch.randperm(n, generator)` on the CPU: Fisher-Yates from the front, z = random() mod (n − i).
    public int[] randperm(int n) {
        int[] r = new int[n];
        randperm(r);
        return r;
    }

    /// Fills `r` with a permutation of 0..r.length−1 as [#randperm(int)].
    public void randperm(int[] r) {
        int n = r.length;
        for (int i = 0; i < n; i++) r[i] = i;
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (mt.nextUInt32() % (n - i));
            int sav = r[i];
            r[i] = r[z + i];
            r[z + i] = sav;
        }
    }

    /// Discards `n` 32-bit draws (e.g. the two of the `int64` base seed a DataLoader iterator draws from its
    /// generator before its sampler's `randperm`).
    public void skip(int n) {
        for (int i = 0; i < n; i++) mt.nextInt();
    }

    /// `nn.Linear`'s default weight init bound, kaiming_uniform_(a = sqrt(5)), computed as torch does in double.
    public static double linearDefaultBound(int fanIn) {
        double a = Math.sqrt(5.0);
        double gain = Math.sqrt(2.0 / (1 + a * a));
        double std = gain / Math.sqrt(fanIn);
        return Math.sqrt(3.0) * std;
    }
}

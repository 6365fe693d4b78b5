package dev.apical.datasets;

/// The spiral split of the dendritic-gating poster (Chennawar, Cheng, Voleti, Galloni & Milstein 2024;
/// Milstein-Lab/Summer2024 `spiral_neuralnet.py`; other-models-spec 3.1): one set of 2,000 points per arm
/// (8,000 points, σ = 0.16), shuffled with a split seed, then cut into 15 % test (1,200), 15 % validation
/// (1,200) and 70 % training (5,600) points, in that order.
///
/// Apical draws the points with EIANN's generator ([Spirals], seeded with the split seed) and the shuffle with
/// numpy's `RandomState(seed).permutation(8000)`; the poster's own random draws are not reproduced bit for bit.
/// All runs of a study share one split (seed 0), as in the poster; the sample order is the data seed's.
public final class PosterSpiralSplit {
    /// Points per arm before the split.
    public static final int POINTS_PER_ARM = 2000;
    /// 15 % of 8,000.
    public static final int TEST = 1200;
    /// 15 % of 8,000.
    public static final int VALIDATION = 1200;

    private PosterSpiralSplit() {}

    /// The split with split seed `seed`; sets are named `spiral/train`, `spiral/validation`, `spiral/test`.
    public static dev.apical.data.DataSplit split(long seed) {
        SpiralPoints all = Spirals.generate(POINTS_PER_ARM, SpiralTask.ARMS, SpiralTask.SIGMA, seed, 0.0);
        int[] perm = new NumpyRandomState(seed).permutation(all.size());
        int train = all.size() - TEST - VALIDATION;
        return new dev.apical.data.DataSplit(take(all, perm, TEST + VALIDATION, train, "spiral/train"),
                take(all, perm, TEST, VALIDATION, "spiral/validation"), take(all, perm, 0, TEST, "spiral/test"));
    }

    private static dev.apical.data.ArrayDataset take(SpiralPoints all, int[] perm, int from, int n, String name) {
        float[] xy = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int p = perm[from + i];
            xy[2 * i] = all.x1(p);
            xy[2 * i + 1] = all.x2(p);
            labels[i] = all.labels()[p];
        }
        return new SpiralPoints(xy, labels, all.arms()).toDataset(name);
    }
}

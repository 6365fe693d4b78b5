package dev.apical.datasets;

import dev.apical.data.DataSplit;

/// The 4-arm spiral classification task (input 2, output 4) with EIANN's two ways of splitting it.
public final class SpiralTask {
    /// EIANN's `points_per_spiral_arm` default.
    public static final int POINTS_PER_ARM = 2000;
    /// `int(0.7 * 2000)` training points per arm (5,600 in all).
    public static final int TRAIN_ARM_SIZE = 1400;
    /// `int(0.15 * 2000)` validation and test points per arm (1,200 each).
    public static final int EVAL_ARM_SIZE = 300;
    public static final int ARMS = 4;
    public static final double SIGMA = 0.16;

    private SpiralTask() {}

    /// How train, validation and test sets are generated.
    public enum SplitMode {
        /// `get_spiral_dataloaders(points_per_spiral_arm=2000, seed=s)`: train with seed `s`, validation with
        /// `s + 1`, test with `s + 2`. What the paper's spiral results use.
        EIANN_LOADER,
        /// EIANN's hyper-parameter optimization script: all three sets generated with the same seed (0 there),
        /// so validation and test are identical (bug B6). Kept for reproducing the optimization runs.
        OPTIMIZATION,
        /// The dendritic-gating poster's split: 8,000 points shuffled with the seed into 70/15/15 % ([PosterSpiralSplit]).
        POSTER
    }

    /// The split with seed 0.
    public static DataSplit split(SplitMode mode) {
        return split(mode, 0);
    }

    /// The split of `mode` with data seed `seed`; sets are named `spiral/train`, `spiral/validation`, `spiral/test`.
    public static DataSplit split(SplitMode mode, long seed) {
        if (mode == SplitMode.POSTER) return PosterSpiralSplit.split(seed);
        long valSeed = mode == SplitMode.EIANN_LOADER ? seed + 1 : seed;
        long testSeed = mode == SplitMode.EIANN_LOADER ? seed + 2 : seed;
        SpiralPoints train = Spirals.generate(TRAIN_ARM_SIZE, ARMS, SIGMA, seed, 0.0);
        SpiralPoints val = Spirals.generate(EVAL_ARM_SIZE, ARMS, SIGMA, valSeed, 0.0);
        SpiralPoints test = mode == SplitMode.OPTIMIZATION ? val : Spirals.generate(EVAL_ARM_SIZE, ARMS, SIGMA, testSeed, 0.0);
        return new DataSplit(train.toDataset("spiral/train"), val.toDataset("spiral/validation"),
                test.toDataset("spiral/test"));
    }
}

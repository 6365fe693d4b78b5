package dev.apical.train;

import dev.apical.build.Evaluation;
import dev.apical.build.Model;
import dev.apical.data.DataSplit;
import dev.apical.data.Dataset;
import dev.apical.math.RandomStreams;
import dev.apical.math.RngScheme;
import dev.apical.math.TorchRandom;

import java.util.SplittableRandom;

/// Online training (eiann-spec 5, 9.1): each epoch draws a new permutation of the training set from the data
/// seed and feeds its first `samplesPerEpoch` samples one at a time; the validation set is evaluated after
/// the scheduled steps; the test set once at the end. The data seed is independent of the network seed.
public final class Trainer {
    private Trainer() {}

    /// Trains with Apical's random scheme for the sample order.
    public static TrainResult fit(Model model, DataSplit data, TrainPlan plan, long dataSeed, TrainListener listener) {
        return fit(model, data, plan, dataSeed, RngScheme.APICAL, listener);
    }

    /// Trains with the sample order drawn by `scheme` from `dataSeed` (EIANN: a torch generator feeding a
    /// shuffling DataLoader, which draws a 64-bit base seed and then `randperm(n)` every epoch).
    public static TrainResult fit(Model model, DataSplit data, TrainPlan plan, long dataSeed, RngScheme scheme,
                                  TrainListener listener) {
        Dataset train = data.train();
        int total = plan.totalSteps(train.size());
        int perEpoch = total / plan.epochs();
        int[] checkpoints = plan.validation().checkpoints(total);
        Evaluation[] validation = new Evaluation[checkpoints.length];
        float[] losses = new float[total];
        int[] order = new int[total];
        float[] x = new float[train.inputSize()];
        float[] t = new float[train.targetSize()];
        SplittableRandom shuffle = new RandomStreams(dataSeed).stream("data/shuffle");
        TorchRandom torch = new TorchRandom(dataSeed);
        int[] perm = new int[train.size()];
        model.startTraining();
        listener.onStart(total);
        long start = System.nanoTime();
        long validationNanos = 0;
        int step = 0;
        int next = 0;
        for (int epoch = 0; epoch < plan.epochs(); epoch++) {
            if (scheme == RngScheme.EIANN) {
                torch.skip(2);
                torch.randperm(perm);
            } else {
                permutation(perm, shuffle);
            }
            for (int i = 0; i < perEpoch; i++, step++) {
                int idx = perm[i];
                order[step] = idx;
                train.input(idx, x);
                train.target(idx, t);
                double l = model.trainStep(x, t, step);
                losses[step] = (float) l;
                listener.onStep(step, l);
                listener.afterStep(step, model);
                if (next < checkpoints.length && checkpoints[next] == step) {
                    long v0 = System.nanoTime();
                    validation[next] = model.evaluate(data.validation(), null, plan.evalThreads());
                    validationNanos += System.nanoTime() - v0;
                    listener.onValidation(step, validation[next]);
                    next++;
                }
            }
        }
        double trainSeconds = (System.nanoTime() - start - validationNanos) / 1e9;
        Evaluation test = model.evaluate(data.test(), null, plan.evalThreads());
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        double acc = 0, loss = 0;
        int n = 0;
        for (int c = 0; c < checkpoints.length; c++) {
            if (checkpoints[c] >= total - plan.accuracyWindow()) {
                acc += validation[c].accuracy();
                loss += validation[c].loss();
                n++;
            }
        }
        return new TrainResult(losses, order, checkpoints, validation, n > 0 ? acc / n : Double.NaN,
                n > 0 ? loss / n : Double.NaN, test, trainSeconds, totalSeconds);
    }

    /// Fisher-Yates permutation of 0..n-1 into `perm`.
    static void permutation(int[] perm, SplittableRandom rng) {
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
    }
}

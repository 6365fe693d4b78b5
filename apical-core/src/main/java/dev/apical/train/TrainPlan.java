package dev.apical.train;

/// How to train: online (batch size 1) for `epochs` epochs of at most `samplesPerEpoch` samples each
/// (0 = the whole training set), validating on the [#validation()] schedule; the reported accuracy is the
/// mean validation accuracy of the checkpoints in the last `accuracyWindow` steps (eiann-spec 10.2).
///
/// @param evalThreads threads used to evaluate the validation and test sets (batched forward passes)
public record TrainPlan(int epochs, int samplesPerEpoch, ValidationSchedule validation, int accuracyWindow, int evalThreads) {
    public TrainPlan {
        if (evalThreads < 1) throw new IllegalArgumentException("evaluation threads must be >= 1, found " + evalThreads);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
        if (samplesPerEpoch < 0) throw new IllegalArgumentException("samples per epoch must be >= 0, found " + samplesPerEpoch);
        if (accuracyWindow < 1) throw new IllegalArgumentException("accuracy window must be >= 1, found " + accuracyWindow);
    }

    /// EIANN's optimisation protocol: one epoch of `samples` samples, validation every 100 steps over the
    /// last 1,000, accuracy = mean of those checkpoints.
    public static TrainPlan eiann(int samples) {
        return new TrainPlan(1, samples, ValidationSchedule.EIANN_FINAL, 1000, 1);
    }

    /// The same plan on one evaluation thread.
    public TrainPlan(int epochs, int samplesPerEpoch, ValidationSchedule validation, int accuracyWindow) {
        this(epochs, samplesPerEpoch, validation, accuracyWindow, 1);
    }

    /// Total number of training steps for a training set of `trainSize` samples.
    public int totalSteps(int trainSize) {
        int per = samplesPerEpoch == 0 ? trainSize : Math.min(samplesPerEpoch, trainSize);
        return epochs * per;
    }
}

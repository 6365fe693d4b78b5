package dev.apical.train;

import dev.apical.build.Evaluation;

/// What a training run measured.
///
/// @param trainLoss       loss of every training step, before its update
/// @param sampleOrder     training-set index fed at every step
/// @param validationSteps steps after which the validation set was evaluated
/// @param validation      the evaluation at each of those steps
/// @param accuracy        mean validation accuracy (%) of the checkpoints in the last `accuracyWindow` steps
/// @param validationLoss  mean validation loss of the same checkpoints
/// @param test            evaluation of the final network on the test set
/// @param trainSeconds    wall time of the training steps alone (validation excluded)
/// @param totalSeconds    wall time including validation and test
public record TrainResult(float[] trainLoss, int[] sampleOrder, int[] validationSteps, Evaluation[] validation,
                          double accuracy, double validationLoss, Evaluation test, double trainSeconds, double totalSeconds) {

    /// Training samples per second (training steps only).
    public double samplesPerSecond() {
        return trainSeconds > 0 ? trainLoss.length / trainSeconds : Double.NaN;
    }
}

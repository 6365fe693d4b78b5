package dev.apical.train;

import dev.apical.build.Evaluation;

/// Observes a training run (progress bars, logging). Called on the training thread; keep it cheap.
public interface TrainListener {
    default void onStart(int totalSteps) {}

    /// After training step `step` (0-based) with the loss of its forward pass.
    default void onStep(int step, double loss) {}

    default void onValidation(int step, Evaluation validation) {}

    TrainListener NONE = new TrainListener() {};
}

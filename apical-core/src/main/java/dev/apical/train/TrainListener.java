package dev.apical.train;

import dev.apical.build.Evaluation;
import dev.apical.build.Model;

/// Observes a training run (progress bars, logging). Called on the training thread; keep it cheap.
public interface TrainListener {
    default void onStart(int totalSteps) {}

    /// After training step `step` (0-based) with the loss of its forward pass.
    default void onStep(int step, double loss) {}

    /// After training step `step`, with the model in its post-step state (signals of that step readable).
    default void afterStep(int step, Model model) {}

    default void onValidation(int step, Evaluation validation) {}

    TrainListener NONE = new TrainListener() {};

    /// All of `listeners`, in order.
    static TrainListener all(TrainListener... listeners) {
        return new TrainListener() {
            @Override public void onStart(int totalSteps) { for (TrainListener l : listeners) l.onStart(totalSteps); }
            @Override public void onStep(int step, double loss) { for (TrainListener l : listeners) l.onStep(step, loss); }
            @Override public void afterStep(int step, Model model) { for (TrainListener l : listeners) l.afterStep(step, model); }
            @Override public void onValidation(int step, Evaluation v) { for (TrainListener l : listeners) l.onValidation(step, v); }
        };
    }
}

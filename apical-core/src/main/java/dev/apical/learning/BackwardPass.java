package dev.apical.learning;

/// A network-wide pass run once per training step after the forward phase (EIANN's class-level `backward`
/// methods, de-duplicated and run in registration order): output nudges, dendritic plateaus, or the loss
/// gradient and optimizer step of the backprop baselines.
public interface BackwardPass {
    void run(StepContext context);
}

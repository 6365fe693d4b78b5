package dev.apical.learning;

import dev.apical.network.Population;

/// A local rule on a population's bias (EIANN's `BiasLearningRule` subclasses other than `BackpropBias`).
/// Its step runs before the population's projection rules (eiann-spec 5, step 6).
public non-sealed interface LocalBiasRule extends LearningRule {
    /// The backward pass it needs, or null.
    default BackwardPass.Factory backwardPass() {
        return null;
    }

    /// Adds this step's update to `population`'s bias.
    void step(Population population, StepContext context);
}

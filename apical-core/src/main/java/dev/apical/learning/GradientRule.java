package dev.apical.learning;

/// A parameter trained by gradient descent on the network loss: EIANN `Backprop` on a projection's weights
/// and `BackpropBias` on a population's bias. The gradient is computed by [passes.BackpropThroughTime] over
/// the last `backward_steps` forward steps and applied by the model's optimizer with this rule's learning
/// rate as the parameter group's rate (eiann-spec 6.7, 8.4).
public record GradientRule(String name, double learningRate) implements LearningRule {
}

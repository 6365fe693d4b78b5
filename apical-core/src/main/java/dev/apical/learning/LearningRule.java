package dev.apical.learning;

/// A learning rule attached to a projection (or a population's bias). The kinds are closed: a rule either
/// follows a loss gradient ([GradientRule], the backprop baselines) or computes its update from local
/// signals ([LocalRule] on weights, [LocalBiasRule] on biases). Rules are open: each is one file plus one
/// line in [LearningRules].
public sealed interface LearningRule permits GradientRule, LocalRule, LocalBiasRule {
    /// The registry name (EIANN's YAML name).
    String name();

    /// Step size η of this rule.
    double learningRate();
}

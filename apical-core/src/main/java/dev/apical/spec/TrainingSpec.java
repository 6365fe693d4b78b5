package dev.apical.spec;

/// EIANN's `training_kwargs` (eiann-spec 14.4).
///
/// @param learningRate  fallback learning rate for rules without their own, or null
/// @param optimizer     `SGD` (default) or `Adam`, with `optimizer_kwargs`
/// @param criterion     `MSELoss` (default), `CrossEntropyLoss` or `BCELoss`, with `criterion_kwargs`
/// @param tau           network time constant (default 1)
/// @param forwardSteps  number of forward integration steps T (default 1)
/// @param backwardSteps number of final forward steps back-propagated through, Tb (default 1)
public record TrainingSpec(Double learningRate, ComponentSpec optimizer, ComponentSpec criterion, double tau,
                           int forwardSteps, int backwardSteps, SourceLocation at) {
    public TrainingSpec {
        if (!(tau >= 1.0))
            throw new ConfigException(at.child("tau"), "must be a number >= 1; found " + tau + ".");
        if (forwardSteps < 1)
            throw new ConfigException(at.child("forward_steps"), "must be an integer >= 1; found " + forwardSteps + ".");
        if (backwardSteps < 0)
            throw new ConfigException(at.child("backward_steps"), "must be an integer >= 0; found " + backwardSteps + ".");
    }
}

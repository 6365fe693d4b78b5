package dev.apical.learning;

import dev.apical.network.Network;

/// What a backward pass and the rules see during one training step: the network (with its forward
/// snapshot), the target, and the step index.
public final class StepContext {
    private final Network network;
    private float[] target;
    private long step;

    public StepContext(Network network) {
        this.network = network;
    }

    public Network network() { return network; }

    /// The current sample's target. Not to be modified.
    public float[] target() { return target; }

    /// 0-based index of the training step (samples seen before this one).
    public long step() { return step; }

    public void set(float[] target, long step) {
        this.target = target;
        this.step = step;
    }
}

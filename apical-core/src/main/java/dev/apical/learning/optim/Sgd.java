package dev.apical.learning.optim;

import java.util.List;

/// Stochastic gradient descent as torch.optim.SGD: g ← g + λθ (weight decay); with momentum μ,
/// v ← μv + g (v = g on the first step); θ ← θ − η·v (or θ − η·g without momentum); then θ is clamped to the
/// parameter's bounds.
public final class Sgd implements Optimizer {
    private final List<Parameter> params;
    private final float momentum;
    private final float weightDecay;
    private final float[][] velocity;
    private boolean first = true;

    public Sgd(List<Parameter> params, double momentum, double weightDecay) {
        this.params = List.copyOf(params);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        this.velocity = new float[params.size()][];
        if (momentum != 0) for (int i = 0; i < params.size(); i++) velocity[i] = new float[params.get(i).values().length];
    }

    @Override
    public void step() {
        for (int pi = 0; pi < params.size(); pi++) {
            Parameter p = params.get(pi);
            float[] w = p.values();
            float[] g = p.grad();
            float lr = (float) p.learningRate();
            float[] v = velocity[pi];
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                if (weightDecay != 0f) gi += weightDecay * w[i];
                if (v != null) {
                    v[i] = first ? gi : momentum * v[i] + gi;
                    gi = v[i];
                }
                w[i] = p.clamp(w[i] - lr * gi);
            }
        }
        first = false;
    }

    @Override
    public String name() {
        return "SGD";
    }
}

package dev.apical.learning.optim;

import java.util.List;

/// Adam (Kingma & Ba 2015) as torch.optim.Adam: m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g²,
/// θ ← θ − (η / (1−β1ᵗ)) · m / (sqrt(v) / sqrt(1−β2ᵗ) + ε); then θ is clamped to the parameter's bounds.
public final class Adam implements Optimizer {
    private final List<Parameter> params;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final float weightDecay;
    private final float[][] m;
    private final float[][] v;
    private long t;

    public Adam(List<Parameter> params, double beta1, double beta2, double eps, double weightDecay) {
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = (float) weightDecay;
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).values().length];
            v[i] = new float[params.get(i).values().length];
        }
    }

    @Override
    public void step() {
        t++;
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        float b1 = (float) beta1, b2 = (float) beta2;
        for (int pi = 0; pi < params.size(); pi++) {
            Parameter p = params.get(pi);
            float[] w = p.values();
            float[] g = p.grad();
            float[] mi = m[pi], vi = v[pi];
            float stepSize = (float) (p.learningRate() / bc1);
            for (int i = 0; i < w.length; i++) {
                float gi = g[i];
                if (weightDecay != 0f) gi += weightDecay * w[i];
                mi[i] = b1 * mi[i] + (1 - b1) * gi;
                vi[i] = b2 * vi[i] + (1 - b2) * gi * gi;
                float denom = (float) (Math.sqrt(vi[i]) / bc2Sqrt + eps);
                w[i] = p.clamp(w[i] - stepSize * mi[i] / denom);
            }
        }
    }

    @Override
    public String name() {
        return "Adam";
    }
}

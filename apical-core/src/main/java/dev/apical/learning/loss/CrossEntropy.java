package dev.apical.learning.loss;

/// EIANN `CrossEntropyLoss` with probability (one-hot) targets: L = −Σ_k t_k log softmax(y)_k,
/// dL/dy = softmax(y)·Σ_k t_k − t.
public final class CrossEntropy implements Loss {
    @Override
    public double value(float[] y, float[] t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : y) max = Math.max(max, v);
        double sum = 0;
        for (float v : y) sum += Math.exp(v - max);
        double logZ = max + Math.log(sum);
        double loss = 0;
        for (int k = 0; k < y.length; k++) if (t[k] != 0f) loss -= t[k] * (y[k] - logZ);
        return loss;
    }

    @Override
    public void gradient(float[] y, float[] t, float[] grad) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : y) max = Math.max(max, v);
        double sum = 0;
        for (float v : y) sum += Math.exp(v - max);
        double tSum = 0;
        for (float v : t) tSum += v;
        for (int k = 0; k < y.length; k++) grad[k] = (float) (Math.exp(y[k] - max) / sum * tSum - t[k]);
    }

    @Override
    public String name() {
        return "CrossEntropyLoss";
    }
}

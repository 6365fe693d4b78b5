package dev.apical.learning.loss;

/// EIANN `MSELoss` with mean reduction (eiann-spec 8.5): L = (1/n) Σ_k (y_k − t_k)², dL/dy = (2/n)(y − t).
public final class MeanSquaredError implements Loss {
    @Override
    public double value(float[] y, float[] t) {
        float sum = 0f;
        for (int k = 0; k < y.length; k++) {
            float d = y[k] - t[k];
            sum += d * d;
        }
        return sum / y.length;
    }

    @Override
    public void gradient(float[] y, float[] t, float[] grad) {
        float norm = 2f / y.length;
        for (int k = 0; k < y.length; k++) grad[k] = (y[k] - t[k]) * norm;
    }

    @Override
    public String name() {
        return "MSELoss";
    }
}

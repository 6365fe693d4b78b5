package dev.apical.learning.loss;

/// EIANN `BCELoss` with mean reduction: L = −(1/n) Σ_k [t_k log y_k + (1 − t_k) log(1 − y_k)], with each
/// log clamped to >= −100 as torch does. Outputs must lie in [0, 1] (e.g. a sigmoid output population).
public final class BinaryCrossEntropy implements Loss {
    @Override
    public double value(float[] y, float[] t) {
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            double ly = Math.max(Math.log(y[k]), -100.0);
            double l1y = Math.max(Math.log(1.0 - y[k]), -100.0);
            sum -= t[k] * ly + (1.0 - t[k]) * l1y;
        }
        return sum / y.length;
    }

    @Override
    public void gradient(float[] y, float[] t, float[] grad) {
        double eps = 1e-12;
        for (int k = 0; k < y.length; k++) {
            double yk = y[k];
            grad[k] = (float) ((yk - t[k]) / Math.max((1.0 - yk) * yk, eps) / y.length);
        }
    }

    @Override
    public String name() {
        return "BCELoss";
    }
}

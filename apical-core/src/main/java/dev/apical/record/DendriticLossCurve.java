package dev.apical.record;

import dev.apical.build.Model;
import dev.apical.network.Population;
import dev.apical.train.TrainListener;

/// EIANN's "local loss" curve (eiann-spec 10.2, 10.3): at every training step, the mean |d^f| over all units of
/// all populations that have a forward dendritic state. Its mean over the last steps of a run is EIANN's
/// `mean_forward_dend_loss` objective; well-trained dendritic inhibition drives it towards 0.
public final class DendriticLossCurve implements TrainListener {
    private float[] values = new float[0];

    @Override
    public void onStart(int totalSteps) {
        values = new float[totalSteps];
    }

    @Override
    public void afterStep(int step, Model model) {
        double sum = 0;
        long n = 0;
        for (Population p : model.network().populations()) {
            float[] d = p.forwardDendriticState();
            if (d == null) continue;
            for (float v : d) sum += Math.abs(v);
            n += d.length;
        }
        if (step < values.length) values[step] = n == 0 ? Float.NaN : (float) (sum / n);
    }

    /// Mean |d^f| of every step (NaN for a network without dendritic inputs).
    public float[] values() {
        return values;
    }

    /// Mean of the curve over the last `window` steps (EIANN's objective), or NaN.
    public double meanOfLast(int window) {
        double s = 0;
        int n = 0;
        for (int i = Math.max(0, values.length - window); i < values.length; i++) {
            if (Float.isNaN(values[i])) return Double.NaN;
            s += values[i];
            n++;
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /// Means over consecutive bins of `bin` steps (EIANN plots bins of 100).
    public double[] binned(int bin) {
        int bins = (values.length + bin - 1) / bin;
        double[] out = new double[bins];
        for (int b = 0; b < bins; b++) {
            double s = 0;
            int n = 0;
            for (int i = b * bin; i < Math.min(values.length, (b + 1) * bin); i++) {
                s += values[i];
                n++;
            }
            out[b] = s / n;
        }
        return out;
    }
}

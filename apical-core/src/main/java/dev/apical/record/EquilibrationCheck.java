package dev.apical.record;

import dev.apical.build.Model;
import dev.apical.data.Dataset;
import dev.apical.dynamics.BatchForward;
import dev.apical.network.Population;

/// EIANN's equilibration check (`check_equilibration_dynamics`, eiann-spec 10.2): forward a dataset and, for
/// each non-input population, take the mean activity m(T−1) and m(T) over all samples and units of the last
/// two forward steps; a population whose relative change |m(T) − m(T−1)| / mean(m) exceeds the tolerance
/// (EIANN: 0.2) adds that ratio to the residual. A residual of 0 means the dynamics settled.
public final class EquilibrationCheck {
    private EquilibrationCheck() {}

    public static final double EIANN_TOLERANCE = 0.2;

    public static double residual(Model model, Dataset data, double tolerance) {
        var network = model.network();
        int steps = model.dynamics().forwardSteps();
        if (steps < 2) return 0.0;
        int n = network.populations().size();
        double[] last = new double[n], before = new double[n];
        BatchForward forward = new BatchForward(network, steps, Model.EVAL_BATCH);
        float[] x = new float[Model.EVAL_BATCH * data.inputSize()], row = new float[data.inputSize()];
        for (int start = 0; start < data.size(); start += Model.EVAL_BATCH) {
            int count = Math.min(Model.EVAL_BATCH, data.size() - start);
            for (int b = 0; b < count; b++) {
                data.input(start + b, row);
                System.arraycopy(row, 0, x, b * row.length, row.length);
            }
            forward.run(x, count, (t, f, batch) -> {
                if (t < steps - 1) return;
                double[] target = t == steps ? last : before;
                for (Population p : network.populations()) {
                    if (p.isInput()) continue;
                    float[] a = f.activity(p);
                    double s = 0;
                    for (int i = 0; i < batch * p.size(); i++) s += a[i];
                    target[p.order()] += s;
                }
            });
        }
        double residual = 0;
        for (Population p : network.populations()) {
            if (p.isInput()) continue;
            double count = (double) data.size() * p.size();
            double m1 = last[p.order()] / count, m0 = before[p.order()] / count;
            double mean = (m0 + m1) / 2;
            if (mean > 0) {
                double ratio = Math.abs(m1 - m0) / mean;
                if (ratio > tolerance) residual += ratio;
            }
        }
        return residual;
    }
}

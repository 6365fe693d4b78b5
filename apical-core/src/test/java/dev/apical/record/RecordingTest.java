package dev.apical.record;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.data.ArrayDataset;
import dev.apical.data.DataSplit;
import dev.apical.io.Npy;
import dev.apical.testing.Shared;
import dev.apical.train.TrainListener;
import dev.apical.train.TrainPlan;
import dev.apical.train.Trainer;
import dev.apical.train.ValidationSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/// Recorded signals, the mean |forward dendritic state| curve and the equilibration residual.
class RecordingTest {
    private static DataSplit randomSplit(int n, int in, int classes) {
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[n * in];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        for (int i = 0; i < n; i++) y[i] = r.nextInt(classes);
        ArrayDataset d = ArrayDataset.ofLabels("random", x, in, y, classes);
        return new DataSplit(d, d, d);
    }

    @Test
    void recordsSignalsAndTheDendriticCurveOnTheSpiralDtpNetwork(@TempDir Path tmp) throws IOException {
        Model model = ModelBuilder.build(ConfigLoader.load(Shared.require("fixtures/spiral-dtp/config.yaml")), 2);
        SignalRecorder recorder = new SignalRecorder(Set.of(Signal.PLATEAU, Signal.FORWARD), 10);
        DendriticLossCurve curve = new DendriticLossCurve();
        Trainer.fit(model, randomSplit(35, 2, 4), new TrainPlan(1, 0, new ValidationSchedule(-1, -1, 1), 10), 1,
                TrainListener.all(recorder, curve));
        assertThat(recorder.steps()).containsExactly(0, 10, 20, 30, 34);
        recorder.write(tmp);
        assertThat(Npy.read(tmp.resolve("signals/plateau/H1E.npy")).shape()).containsExactly(5, 128);
        assertThat(Npy.read(tmp.resolve("signals/forward/OutputE.npy")).shape()).containsExactly(5, 4);
        // the last recorded plateau row is H1E's plateau after the last step
        float[] rows = Npy.read(tmp.resolve("signals/plateau/H1E.npy")).data();
        float[] plateau = model.network().population("H1.E").plateau();
        for (int k = 0; k < 128; k++) assertThat(rows[4 * 128 + k]).isEqualTo(plateau[k]);
        // curve: mean |d^f| over H1E and H2E after the last step
        double sum = 0;
        for (String id : new String[] {"H1.E", "H2.E"})
            for (float v : model.network().population(id).forwardDendriticState()) sum += Math.abs(v);
        assertThat(curve.values()).hasSize(35);
        assertThat((double) curve.values()[34]).isCloseTo(sum / (128 + 32), within(1e-6));
        assertThat(curve.binned(10)).hasSize(4);
    }

    @Test
    void equilibrationResidualIsZeroForSettledDynamicsAndPositiveForOscillation() {
        String settled = """
                layer_config:
                  Input: {E: {size: 2}}
                  H: {E: {size: 3, activation: relu}}
                projection_config:
                  H: {E: {Input: {E: {weight_init: fill_, weight_init_args: [0.5]}}}}
                training_kwargs: {tau: 3, forward_steps: 40}
                """;
        DataSplit data = randomSplit(20, 2, 3);
        Model calm = ModelBuilder.build(ConfigLoader.parse(settled, "calm.yaml"), 1);
        assertThat(EquilibrationCheck.residual(calm, data.test(), 0.2)).isZero();
        String oscillating = """
                layer_config:
                  Input: {E: {size: 2}}
                  H: {E: {size: 3, activation: relu, include_bias: true, bias_init: fill_, bias_init_args: [1.0]}}
                projection_config:
                  H:
                    E:
                      Input: {E: {weight_init: fill_, weight_init_args: [0.0]}}
                      H: {E: {weight_init: fill_, weight_init_args: [-1.0], direction: R}}
                training_kwargs: {tau: 1, forward_steps: 6}
                """;
        Model swinging = ModelBuilder.build(ConfigLoader.parse(oscillating, "osc.yaml"), 1);
        // a = relu(1 - 3 a_prev) alternates between 1 and 0: relative change 2 per population
        assertThat(EquilibrationCheck.residual(swinging, data.test(), 0.2)).isCloseTo(2.0, within(1e-6));
    }
}

package dev.apical.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apical.build.Evaluation;
import dev.apical.build.Model;
import dev.apical.data.ArrayDataset;
import dev.apical.data.DataSplit;
import dev.apical.testing.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/// EIANN's `val_interval = (start, stop, step)` (eiann-spec 9.5) and the online trainer (9.1, 10.2).
class ValidationScheduleTest {
    @Test
    void lastThousandStepsOfOneSpiralEpoch() {
        int[] c = new ValidationSchedule(-1000, -1, 100).checkpoints(5600);
        assertThat(c).containsExactly(4699, 4799, 4899, 4999, 5099, 5199, 5299, 5399, 5499, 5599);
    }

    @Test
    void wholeRunFromZeroAddsStepZero() {
        int[] c = new ValidationSchedule(0, -1, 100).checkpoints(20000);
        assertThat(c).hasSize(201);
        assertThat(c[0]).isZero();
        for (int i = 1; i < c.length; i++) assertThat(c[i]).isEqualTo(100 * i - 1);
        assertThat(c[200]).isEqualTo(19999);
    }

    @Test
    void optimizationProtocolOverTwentyThousandSteps() {
        assertThat(ValidationSchedule.EIANN_FINAL.checkpoints(20000))
                .containsExactly(19099, 19199, 19299, 19399, 19499, 19599, 19699, 19799, 19899, 19999);
    }

    /// A negative start beyond the run's length starts at step 0 (and 0 is then added).
    @Test
    void negativeStartBeyondLengthStartsAtZero() {
        assertThat(new ValidationSchedule(-1000, -1, 100).checkpoints(450)).containsExactly(0, 49, 149, 249, 349, 449);
        assertThat(new ValidationSchedule(-1000, -1, 100).checkpoints(1)).containsExactly(0);
    }

    @Test
    void parseAcceptsTupleText() {
        assertThat(ValidationSchedule.parse("(-1000, -1, 100)")).isEqualTo(new ValidationSchedule(-1000, -1, 100));
    }

    // ---------------------------------------------------------------- trainer

    static final String NET = """
            layer_config:
              Input: {E: {size: 2}}
              H1: {E: {size: 6, activation: relu, include_bias: true, bias_learning_rule: BackpropBias}}
              Output: {E: {size: 3, activation: relu, include_bias: true, bias_learning_rule: BackpropBias}}
            projection_config:
              H1:
                E:
                  Input: {E: {weight_init: scaled_kaiming, weight_init_args: [2.0], direction: F, learning_rule: Backprop}}
              Output:
                E:
                  H1: {E: {weight_init: scaled_kaiming, direction: F, learning_rule: Backprop}}
            training_kwargs: {tau: 1, forward_steps: 1, backward_steps: 1, learning_rate: 0.2}
            """;

    /// 12 samples in 3 classes (points near three centres).
    static ArrayDataset tiny(String name, long seed, int n) {
        float[] noise = TestModels.uniform(seed, 2 * n, -0.3, 0.3);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        double[][] centres = {{1, 0}, {0, 1}, {1, 1}};
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            x[2 * i] = (float) centres[i % 3][0] + noise[2 * i];
            x[2 * i + 1] = (float) centres[i % 3][1] + noise[2 * i + 1];
        }
        return ArrayDataset.ofLabels(name, x, 2, labels, 3);
    }

    static DataSplit split() {
        return new DataSplit(tiny("train", 1, 12), tiny("val", 2, 9), tiny("test", 3, 9));
    }

    record Run(TrainResult result, List<Integer> validationSteps, List<Evaluation> validations) {}

    static Run run(TrainPlan plan, long dataSeed) {
        Model model = TestModels.build(NET, 42);
        List<Integer> steps = new ArrayList<>();
        List<Evaluation> evals = new ArrayList<>();
        TrainResult r = Trainer.fit(model, split(), plan, dataSeed, new TrainListener() {
            @Override public void onValidation(int step, Evaluation validation) {
                steps.add(step);
                evals.add(validation);
            }
        });
        return new Run(r, steps, evals);
    }

    @Test
    void trainerRecordsLossesValidatesOnScheduleAndAveragesTheWindow() {
        TrainPlan plan = new TrainPlan(3, 0, new ValidationSchedule(0, -1, 5), 12);
        Run run = run(plan, 257);
        TrainResult r = run.result();
        assertThat(r.trainLoss()).hasSize(3 * 12);
        assertThat(r.sampleOrder()).hasSize(36);
        // each epoch is a permutation of the whole training set
        for (int e = 0; e < 3; e++) {
            int[] epoch = Arrays.copyOfRange(r.sampleOrder(), 12 * e, 12 * e + 12);
            Arrays.sort(epoch);
            assertThat(epoch).containsExactly(IntStream.range(0, 12).toArray());
        }
        // checkpoints of (0, -1, 5) over 36 steps: 35, 30, ..., 5, 0 and step 0
        assertThat(r.validationSteps()).containsExactly(0, 5, 10, 15, 20, 25, 30, 35);
        assertThat(run.validationSteps()).containsExactly(0, 5, 10, 15, 20, 25, 30, 35);
        // accuracy = mean over checkpoints in the last 12 steps (>= 24): steps 25, 30, 35
        double expected = (run.validations().get(5).accuracy() + run.validations().get(6).accuracy()
                + run.validations().get(7).accuracy()) / 3;
        assertThat(r.accuracy()).isCloseTo(expected, Offset.offset(1e-12));
        double expectedLoss = (run.validations().get(5).loss() + run.validations().get(6).loss()
                + run.validations().get(7).loss()) / 3;
        assertThat(r.validationLoss()).isCloseTo(expectedLoss, Offset.offset(1e-12));
        assertThat(r.validation()[7].samples()).isEqualTo(9);
        // the first loss is the untrained model's loss on the first sample fed
        Model fresh = TestModels.build(NET, 42);
        float[] x = new float[2], t = new float[3];
        split().train().input(r.sampleOrder()[0], x);
        split().train().target(r.sampleOrder()[0], t);
        fresh.forward(x);
        assertThat((double) r.trainLoss()[0]).isCloseTo(fresh.loss().value(fresh.network().output().activity, t), Offset.offset(1e-7));
        // the network learned something: mean loss of the last epoch below that of the first
        double first = 0, last = 0;
        for (int i = 0; i < 12; i++) {
            first += r.trainLoss()[i];
            last += r.trainLoss()[24 + i];
        }
        assertThat(last).isLessThan(first);
    }

    @Test
    void samplesPerEpochLimitsEachEpoch() {
        Run run = run(new TrainPlan(3, 5, new ValidationSchedule(-1000, -1, 100), 1000), 258);
        int[] order = run.result().sampleOrder();
        assertThat(run.result().trainLoss()).hasSize(15);
        for (int e = 0; e < 3; e++) {
            int[] epoch = Arrays.copyOfRange(order, 5 * e, 5 * e + 5);
            assertThat(Arrays.stream(epoch).distinct().count()).as("epoch %d without repeats", e).isEqualTo(5);
        }
        assertThat(run.result().validationSteps()).containsExactly(0, 14);
    }

    @Test
    void dataSeedDeterminesSampleOrder() {
        TrainPlan plan = new TrainPlan(2, 0, new ValidationSchedule(-1, -1, 1), 1);
        Run a = run(plan, 257), b = run(plan, 257), c = run(plan, 258);
        assertThat(a.result().sampleOrder()).containsExactly(b.result().sampleOrder());
        assertThat(a.result().trainLoss()).containsExactly(b.result().trainLoss());
        assertThat(a.result().sampleOrder()).isNotEqualTo(c.result().sampleOrder());
        // consecutive epochs use different permutations
        assertThat(Arrays.copyOfRange(a.result().sampleOrder(), 0, 12)).isNotEqualTo(Arrays.copyOfRange(a.result().sampleOrder(), 12, 24));
    }
}

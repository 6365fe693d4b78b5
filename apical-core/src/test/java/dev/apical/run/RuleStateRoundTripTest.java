package dev.apical.run;

import dev.apical.build.Evaluation;
import dev.apical.build.Model;
import dev.apical.testing.TestModels;
import dev.apical.train.TrainResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/// Rule state that carries over between samples (BTSP traces, BCM thresholds) is written to a run directory
/// next to the weights and read back with them.
class RuleStateRoundTripTest {
    static final String CONFIG = """
            layer_config:
              Input: {E: {size: 3}}
              H1: {E: {size: 4, activation: relu}}
              Output: {E: {size: 2, activation: relu}}
            projection_config:
              H1: {E: {Input: {E: {weight_init: half_kaiming, weight_bounds: [0, 1.5], learning_rule: BTSP_19}}}}
              Output: {E: {H1: {E: {weight_init: half_kaiming, weight_bounds: [0, null], learning_rule: Supervised_BCM_4,
                                    learning_rule_kwargs: {theta_tau: 3, k: 0.2, max_pop_fraction: 1}}}}}
            training_kwargs: {learning_rate: 0.1}
            """;

    @Test
    void ruleStateIsSavedAndLoaded(@TempDir Path tmp) throws Exception {
        Model model = TestModels.build(CONFIG, 4);
        model.startTraining();
        model.trainStep(new float[] {0.5f, 0.9f, 0.1f}, new float[] {1f, 0f}, 0);
        model.trainStep(new float[] {0.2f, 0.1f, 0.7f}, new float[] {0f, 1f}, 1);
        assertThat(model.ruleState()).containsOnlyKeys("InputE.past_activity", "H1E.past_plateau", "OutputE.theta");
        assertThat(model.ruleState().get("OutputE.theta")).isNotEqualTo(new float[] {0.2f, 0.2f});
        byte[] yaml = CONFIG.getBytes(StandardCharsets.UTF_8);
        Files.write(tmp.resolve("net.yaml"), yaml);
        Evaluation none = new Evaluation(0, 0, 0);
        TrainResult result = new TrainResult(new float[2], new int[] {0, 1}, new int[0], new Evaluation[0], 0, 0, none, 0, 0);
        Path run = tmp.resolve("run");
        RunDirectory.write(run, model, result, new RunDirectory.RunInfo(tmp.resolve("net.yaml"), yaml, 4, 0, Map.of(),
                Map.of(), Provenance.current()), false);
        assertThat(run.resolve("weights/OutputE.theta.npy")).exists();
        Model loaded = RunDirectory.read(run).model();
        for (var e : model.savedState().entrySet())
            assertThat(loaded.savedState().get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
    }
}

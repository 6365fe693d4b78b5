package dev.apical.learning.rules;

import dev.apical.build.Model;
import dev.apical.build.ModelBuilder;
import dev.apical.config.ConfigLoader;
import dev.apical.spec.ConfigException;
import dev.apical.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// Build-time errors of `BTSP_19`, `Supervised_BCM_4` and `Backprop_DendriticLoss` (exact messages and
/// locations), and the published MNIST configs that use them building.
class RuleBuildErrorsTest {
    private static final String LAYERS = """
            layer_config:
              Input: {E: {size: 2}}
              H1: {E: {size: 3, activation: relu}, DendI: {size: 2, activation: relu}}
              Output: {E: {size: 2, activation: relu}}
            """;

    private static Model build(String yaml) {
        return ModelBuilder.build(ConfigLoader.parse(yaml, "net.yaml"), 1);
    }

    private static String bcm(String kwargs) {
        return LAYERS + """
                projection_config:
                  Output: {E: {H1: {E: {learning_rule: Supervised_BCM_4, learning_rule_kwargs: {%s}}}}}
                training_kwargs: {learning_rate: 0.1}
                """.formatted(kwargs);
    }

    @Test
    void bcmWithoutThetaTauNamesTheMissingKey() {
        assertThatThrownBy(() -> build(bcm("k: 0.1"))).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:6:40: projection_config.Output.E.H1.E.learning_rule: learning rule 'Supervised_BCM_4' needs 'theta_tau' "
                        + "(a number) in its keyword arguments, but it is missing.");
    }

    @Test
    void bcmWithoutKNamesTheMissingKey() {
        assertThatThrownBy(() -> build(bcm("theta_tau: 3"))).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:6:40: projection_config.Output.E.H1.E.learning_rule: learning rule 'Supervised_BCM_4' needs 'k' "
                        + "(a number) in its keyword arguments, but it is missing.");
    }

    @Test
    void unknownKeywordOfBtspSuggestsTheNearestKey() {
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  Output: {E: {H1: {E: {learning_rule: BTSP_19, learning_rule_kwargs: {temporal_discont: 0.1}}}}}
                training_kwargs: {learning_rate: 0.1}
                """)).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:6:90: projection_config.Output.E.H1.E.learning_rule_kwargs.temporal_discont: unknown key "
                        + "'temporal_discont' for learning rule 'BTSP_19'. Did you mean 'temporal_discount'? Allowed keys: "
                        + "learning_rate, neg_rate_th, dep_ratio, dep_th, dep_width, max_pop_fraction, temporal_discount, "
                        + "stochastic, relu_gate.");
    }

    @Test
    void btspWithoutUpperBoundBuildsWithWMaxTwo() {
        Model m = build(LAYERS + """
                projection_config:
                  Output: {E: {H1: {E: {weight_init: half_kaiming, weight_bounds: [0, null], learning_rule: BTSP_19}}}}
                training_kwargs: {learning_rate: 0.1}
                """);
        var rule = (BehavioralTimescalePlasticity) m.rule(m.network().projection("OutputE_H1E"));
        assertThat(rule.wMax()).isEqualTo(2.0);
        assertThat(m.ruleState()).containsOnlyKeys("H1E.past_activity", "OutputE.past_plateau");
    }

    private static String dendriticLoss(String source, int backwardSteps) {
        return LAYERS + """
                projection_config:
                  H1:
                    E:
                      H1: {DendI: {direction: R, compartment: dend}}
                    DendI:
                      H1: {E: {direction: R, learning_rule: Backprop_DendriticLoss, learning_rule_kwargs: {%s}}}
                  Output: {E: {H1: {E: {}}}}
                training_kwargs: {learning_rate: 0.1, forward_steps: 3, backward_steps: %d}
                """.formatted(source, backwardSteps);
    }

    @Test
    void dendriticLossNeedsASource() {
        assertThatThrownBy(() -> build(dendriticLoss("learning_rate: 0.1", 2))).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:10:45: projection_config.H1.DendI.H1.E.learning_rule: learning rule 'Backprop_DendriticLoss' needs "
                        + "'source' (a string) in its keyword arguments, but it is missing.");
    }

    @Test
    void dendriticLossSourceMustBeLayerDotPopulation() {
        assertThatThrownBy(() -> build(dendriticLoss("source: H1E", 2))).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:10:100: projection_config.H1.DendI.H1.E.learning_rule_kwargs.source: source of learning rule "
                        + "'Backprop_DendriticLoss' must name a population as 'Layer.Pop' (e.g. 'H1.E'); found 'H1E'.");
    }

    @Test
    void dendriticLossUnknownSourceSuggestsAPopulation() {
        assertThatThrownBy(() -> build(dendriticLoss("source: H1.F", 2))).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:10:100: projection_config.H1.DendI.H1.E.learning_rule_kwargs.source: unknown source population of "
                        + "learning rule 'Backprop_DendriticLoss' 'H1.F'. Did you mean 'H1.E'? Expected one of: Input.E, H1.E, "
                        + "H1.DendI, Output.E.");
    }

    @Test
    void dendriticLossSourceNeedsADendriticState() {
        assertThatThrownBy(() -> build(dendriticLoss("source: Output.E", 2))).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:10:100: projection_config.H1.DendI.H1.E.learning_rule_kwargs.source: source Output.E of learning rule "
                        + "'Backprop_DendriticLoss' has no dendritic state: no projection into it has compartment: dend.");
    }

    @Test
    void dendriticLossNeedsBackwardSteps() {
        assertThatThrownBy(() -> build(dendriticLoss("source: H1.E", 0))).isInstanceOf(ConfigException.class).hasMessage(
                "net.yaml:10:45: projection_config.H1.DendI.H1.E.learning_rule: rule 'Backprop_DendriticLoss' back-propagates its "
                        + "dendritic loss through the last backward_steps forward steps, but training_kwargs.backward_steps is 0. "
                        + "Set backward_steps >= 1 (config 5M uses 3).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"20240723_EIANN_2_hidden_mnist_Supervised_BCM_config_4_complete_optimized.yaml",
            "20241212_EIANN_2_hidden_mnist_BTSP_config_5L_complete_optimized.yaml",
            "20241216_EIANN_2_hidden_mnist_BTSP_config_5L_fixed_TD_complete_optimized.yaml",
            "20241113_EIANN_2_hidden_mnist_BP_like_config_5M_complete_optimized.yaml"})
    void publishedMnistConfigBuilds(String file) {
        Path config = Shared.require("eiann-configs/mnist/" + file);
        Model m = ModelBuilder.build(ConfigLoader.load(config), 0);
        assertThat(m.network().populations()).hasSize(9);
        if (file.contains("BCM")) assertThat(m.ruleState()).containsOnlyKeys("H1E.theta", "H2E.theta", "OutputE.theta");
        if (file.contains("BTSP")) assertThat(m.ruleState()).containsOnlyKeys("InputE.past_activity", "H1E.past_activity",
                "H1E.past_plateau", "H2E.past_activity", "H2E.past_plateau", "OutputE.past_plateau");
    }
}

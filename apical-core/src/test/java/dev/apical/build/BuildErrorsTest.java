package dev.apical.build;

import dev.apical.config.ConfigLoader;
import dev.apical.spec.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/// Errors found when a loaded config is built: unknown or unavailable names, clone shape mismatches,
/// unknown keyword arguments, missing learning rates. Each asserts the exact message and location.
class BuildErrorsTest {
    private static final String LAYERS = """
            layer_config:
              Input: {E: {size: 2}}
              H1: {E: {size: 8, activation: relu}}
              Output: {E: {size: 4, activation: relu}}
            """;

    private static void build(String yaml) {
        ModelBuilder.build(ConfigLoader.parse(yaml, "net.yaml"), 1);
    }

    private static java.util.List<String> known() {
        return dev.apical.learning.LearningRules.weightRuleNames();
    }

    @Test
    void unknownRuleSuggestsTheNearestName() {
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  H1: {E: {Input: {E: {learning_rule: Backprob}}}}
                training_kwargs: {learning_rate: 0.1}
                """)).isInstanceOf(ConfigException.class).hasMessage("net.yaml:6:39: projection_config.H1.E.Input.E.learning_rule: "
                + "unknown learning rule 'Backprob'. Did you mean 'Backprop'? Expected one of: " + String.join(", ", known()) + ".");
    }

    @Test
    void biasRuleOnAProjectionSaysWhereItBelongs() {
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  H1: {E: {Input: {E: {learning_rule: DendriticLossBias, learning_rule_kwargs: {learning_rate: 0.1}}}}}
                """)).isInstanceOf(ConfigException.class).hasMessage("net.yaml:6:39: projection_config.H1.E.Input.E.learning_rule: "
                + "'DendriticLossBias' is a bias learning rule; use it as a population's bias_learning_rule. Expected one of: "
                + String.join(", ", known()) + ".");
    }

    @Test
    void cloneShapeMismatchNamesBothShapesAndSuggestsTranspose() {
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  H1:
                    E:
                      Input: {E: {learning_rule: Backprop}}
                      Output: {E: {compartment: dend, weight_constraint: clone_weight,
                                   weight_constraint_kwargs: {source: Output.E.H1.E}}}
                  Output: {E: {H1: {E: {learning_rule: Backprop}}}}
                training_kwargs: {learning_rate: 0.1}
                """)).isInstanceOf(ConfigException.class).hasMessage("net.yaml:10:55: projection_config.H1.E.Output.E.weight_constraint_kwargs.source: "
                + "clone_weight source OutputE_H1E has shape 4x8, which does not match H1E_OutputE (8x4). Did you mean transpose: true?");
    }

    @Test
    void unknownCloneSourceSuggestsAProjection() {
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  H1:
                    E:
                      Output: {E: {weight_constraint: clone_weight, weight_constraint_kwargs: {source: Output.E.H1.I, transpose: true}}}
                  Output: {E: {H1: {E: {}}}}
                """)).isInstanceOf(ConfigException.class).hasMessageStartingWith("net.yaml:8:88: projection_config.H1.E.Output.E.weight_constraint_kwargs.source: "
                + "unknown clone_weight source projection 'Output.E.H1.I'. Did you mean 'Output.E.H1.E'?");
    }

    @Test
    void unknownRuleKeywordIsRejected() {
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  H1: {E: {Input: {E: {learning_rule: Backprop, learning_rule_kwargs: {learning_rte: 0.1}}}}}
                """)).isInstanceOf(ConfigException.class).hasMessage("net.yaml:6:86: projection_config.H1.E.Input.E.learning_rule_kwargs.learning_rte: "
                + "unknown key 'learning_rte' for learning rule 'Backprop'. Did you mean 'learning_rate'? Allowed keys: learning_rate.");
    }

    @Test
    void missingLearningRateSaysWhereToSetIt() {
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  H1: {E: {Input: {E: {learning_rule: Backprop}}}}
                """)).isInstanceOf(ConfigException.class).hasMessage("net.yaml:6:39: projection_config.H1.E.Input.E.learning_rule: "
                + "learning rule 'Backprop' has no learning rate: set learning_rate in its kwargs or training_kwargs.learning_rate.");
    }

    @Test
    void unknownActivationAndHalfKaimingWithoutBounds() {
        assertThatThrownBy(() -> build("""
                layer_config:
                  Input: {E: {size: 2}}
                  Output: {E: {size: 4, activation: rleu}}
                projection_config:
                  Output: {E: {Input: {E: {}}}}
                """)).isInstanceOf(ConfigException.class).hasMessageStartingWith("net.yaml:3:37: layer_config.Output.E.activation: "
                + "unknown activation 'rleu'. Did you mean 'relu'?");
        assertThatThrownBy(() -> build(LAYERS + """
                projection_config:
                  H1: {E: {Input: {E: {weight_init: half_kaiming}}}}
                """)).isInstanceOf(ConfigException.class).hasMessage("net.yaml:6:37: projection_config.H1.E.Input.E.weight_init: "
                + "half_kaiming needs weight_bounds with a lower bound >= 0 (excitatory) or an upper bound <= 0 (inhibitory); found [null, null].");
    }
}

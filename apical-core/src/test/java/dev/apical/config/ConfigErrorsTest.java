package dev.apical.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apical.spec.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Broken configs, each with the exact message it must produce (location, key path, problem, expectation).
class ConfigErrorsTest {
    /// A valid config; the cases below change one line of it.
    static final String BASE = """
            layer_config:
              Input:
                E:
                  size: 2
              H1:
                E:
                  size: 8
                  activation: relu
              Output:
                E:
                  size: 4
            projection_config:
              H1:
                E:
                  Input:
                    E:
                      weight_init: half_kaiming
                      direction: F
              Output:
                E:
                  H1:
                    E:
                      learning_rule: Backprop
            training_kwargs:
              tau: 3
            """;

    private static String replace(String line, String with) {
        assertThat(BASE).contains(line);
        return BASE.replace(line, with);
    }

    private static void assertError(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void baseConfigIsValid() {
        assertThat(ConfigLoader.parse(BASE, "bad.yaml").projections()).hasSize(2);
    }

    @Test
    void misspelledProjectionKeySuggestsTheNearestKey() {
        assertError(replace("weight_init: half_kaiming", "wieght_init: half_kaiming"),
                "bad.yaml:17:11: projection_config.H1.E.Input.E.wieght_init: unknown key 'wieght_init'."
                        + " Did you mean 'weight_init'? Expected one of: weight_init, weight_init_args,"
                        + " weight_constraint, weight_constraint_kwargs, weight_bounds, direction, update_phase,"
                        + " compartment, learning_rule, learning_rule_kwargs.");
    }

    @Test
    void misspelledDirection() {
        assertError(replace("direction: F", "direction: forwrd"),
                "bad.yaml:18:22: projection_config.H1.E.Input.E.direction: 'forwrd' is not a direction."
                        + " Did you mean 'forward'? Expected one of: F, forward, R, recurrent.");
    }

    @Test
    void directionIsCaseSensitive() {
        assertError(replace("direction: F", "direction: Forward"),
                "bad.yaml:18:22: projection_config.H1.E.Input.E.direction: 'Forward' is not a direction."
                        + " Did you mean 'forward'? Expected one of: F, forward, R, recurrent.");
    }

    @Test
    void badUpdatePhaseAndCompartment() {
        assertError(replace("direction: F", "update_phase: backwards"),
                "bad.yaml:18:25: projection_config.H1.E.Input.E.update_phase: 'backwards' is not an update phase."
                        + " Did you mean 'backward'? Expected one of: F, forward, B, backward, A, all.");
        assertError(replace("direction: F", "compartment: dendrit"),
                "bad.yaml:18:24: projection_config.H1.E.Input.E.compartment: 'dendrit' is not a compartment."
                        + " Did you mean 'dendrite'? Expected one of: soma, dend, dendrite.");
    }

    @Test
    void negativeSize() {
        assertError(replace("size: 8", "size: -8"),
                "bad.yaml:7:13: layer_config.H1.E.size: size must be a positive integer. Expected an integer > 0; found -8.");
    }

    @Test
    void sizeAsStringOrFloat() {
        assertError(replace("size: 8", "size: '8'"),
                "bad.yaml:7:13: layer_config.H1.E.size: expected an integer; found string '8'.");
        assertError(replace("size: 8", "size: 8.0"),
                "bad.yaml:7:13: layer_config.H1.E.size: expected an integer; found float 8.0.");
    }

    @Test
    void missingSize() {
        assertError(replace("size: 8\n      activation: relu", "activation: relu"),
                "bad.yaml:7:7: layer_config.H1.E: missing key 'size'. Expected a positive integer size for"
                        + " population H1.E; found keys: activation.");
    }

    @Test
    void unknownPopulationInProjection() {
        assertError(replace("        E:\n          learning_rule", "        Eh:\n          learning_rule"),
                "bad.yaml:22:9: projection_config.Output.E.H1.Eh: unknown population 'H1.Eh'."
                        + " Did you mean 'H1.E'? Expected one of: Input.E, H1.E, Output.E.");
    }

    @Test
    void unknownLayerInNestedProjection() {
        assertError(replace("  Output:\n    E:\n      H1:", "  Output:\n    E:\n      H3:"),
                "bad.yaml:21:7: projection_config.Output.E.H3: unknown layer 'H3'."
                        + " Did you mean 'H1'? Expected one of: Input, H1, Output.");
    }

    @Test
    void populationTypeConv2dIsNotSupported() {
        assertError(replace("activation: relu", "population_type: Conv2D"),
                "bad.yaml:8:24: layer_config.H1.E.population_type: population_type 'Conv2D' is not supported yet."
                        + " Expected default; found 'Conv2D'.");
    }

    @Test
    void convProjectionKeyIsNotSupported() {
        assertError(replace("direction: F", "kernel_size: 5"),
                "bad.yaml:18:11: projection_config.H1.E.Input.E.kernel_size: 'kernel_size' belongs to convolutional"
                        + " projections, which are not supported yet. Expected only keys of dense projections:"
                        + " weight_init, weight_init_args, weight_constraint, weight_constraint_kwargs, weight_bounds,"
                        + " direction, update_phase, compartment, learning_rule, learning_rule_kwargs.");
    }

    @Test
    void objectConstructingTagIsRefused() {
        assertError(replace("activation: relu", "activation: !!python/object/apply:os.system [\"echo hi\"]"),
                "bad.yaml:8:19: layer_config.H1.E.activation: tag '!!python/object/apply:os.system' is not allowed:"
                        + " configs may only contain plain values and !!python/tuple (object-constructing tags are"
                        + " never executed).");
    }

    @Test
    void javaTagIsRefusedEvenUnderAnIgnoredKey() {
        assertError(replace("activation: relu", "custom_update: !!java.io.File /etc/passwd"),
                "bad.yaml:8:22: layer_config.H1.E.custom_update: tag '!!java.io.File' is not allowed:"
                        + " configs may only contain plain values and !!python/tuple (object-constructing tags are"
                        + " never executed).");
    }

    @Test
    void localTagIsRefused() {
        assertError(replace("tau: 3", "tau: !foo 3"),
                "bad.yaml:25:8: training_kwargs.tau: tag '!foo' is not allowed:"
                        + " configs may only contain plain values and !!python/tuple (object-constructing tags are"
                        + " never executed).");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": the config file does not exist.");
    }

    @Test
    void duplicateKeyNamesBothLines() {
        assertError(replace("activation: relu", "activation: relu\n      size: 9"),
                "bad.yaml:9:7: layer_config.H1.E.size: duplicate key 'size'. Expected each key once;"
                        + " found it on lines 7 and 9.");
    }

    @Test
    void dottedAndNestedFormsMixed() {
        assertError(replace("  Output:\n    E:\n      H1:\n        E:\n", "  Output.E:\n    H1.E:\n"),
                "bad.yaml:19:3: projection_config.Output.E: projection_config mixes the dotted form"
                        + " ('H1.E: {Input.E: {...}}') and the nested form ('H1: {E: {Input: {E: {...}}}}')."
                        + " Expected one form throughout; found dotted key 'Output.E' on line 19 and nested key"
                        + " 'H1' on line 13.");
    }

    @Test
    void unknownTopLevelKey() {
        assertError(replace("training_kwargs:", "training_kwarg:"),
                "bad.yaml:24:1: training_kwarg: unknown top-level key 'training_kwarg'."
                        + " Did you mean 'training_kwargs'? Expected one of: layer_config, projection_config,"
                        + " training_kwargs, dataset.");
    }

    @Test
    void missingProjectionConfig() {
        String yaml = BASE.substring(0, BASE.indexOf("projection_config:"));
        assertError(yaml, "bad.yaml:1:1: missing required top-level key 'projection_config'. Expected keys"
                + " layer_config, projection_config, training_kwargs, dataset; found layer_config.");
    }

    @Test
    void seedInTrainingKwargs() {
        assertError(replace("tau: 3", "seed: 42"),
                "bad.yaml:25:3: training_kwargs.seed: 'seed' is not allowed in training_kwargs: EIANN rejects it"
                        + " too (its builder passes the seed itself, so the key raises a duplicate-argument error,"
                        + " bug B7). Expected no seed in the config; give seeds on the command line (--seed).");
    }

    @Test
    void exponentWithoutDotLearningRate() {
        assertError(replace("tau: 3", "learning_rate: 1e-4"),
                "bad.yaml:25:18: training_kwargs.learning_rate: YAML 1.1 reads 1e-4 as a string; write 1.0e-4."
                        + " Expected a number; found string '1e-4'.");
        assertError(replace("tau: 3", "learning_rate: 1.5e3"),
                "bad.yaml:25:18: training_kwargs.learning_rate: YAML 1.1 reads 1.5e3 as a string; write 1.5e+3."
                        + " Expected a number; found string '1.5e3'.");
    }

    @Test
    void boolWhereANumberIsExpected() {
        assertError(replace("tau: 3", "tau: true"),
                "bad.yaml:25:8: training_kwargs.tau: expected a number; found boolean true.");
    }

    @Test
    void weightBoundsWithThreeElements() {
        assertError(replace("direction: F", "weight_bounds: [0, null, 1]"),
                "bad.yaml:18:26: projection_config.H1.E.Input.E.weight_bounds: bounds need exactly two elements."
                        + " Expected [lo, hi] (null for an unbounded side); found 3 elements.");
    }

    @Test
    void weightBoundsReversed() {
        assertError(replace("direction: F", "weight_bounds: [1, 0]"),
                "bad.yaml:18:26: projection_config.H1.E.Input.E.weight_bounds: lower bound above upper bound."
                        + " Expected lo <= hi; found [1.0, 0.0].");
    }

    @Test
    void misspelledPopulationKey() {
        assertError(replace("activation: relu", "activaton: relu"),
                "bad.yaml:8:7: layer_config.H1.E.activaton: unknown key 'activaton'. Did you mean 'activation'?"
                        + " Expected one of: " + String.join(", ", LayerConfigReader.POPULATION_KEYS) + ".");
    }

    @Test
    void misspelledTrainingKey() {
        assertError(replace("tau: 3", "forward_step: 3"),
                "bad.yaml:25:3: training_kwargs.forward_step: unknown key 'forward_step'."
                        + " Did you mean 'forward_steps'? Expected one of: "
                        + String.join(", ", TrainingConfigReader.TRAINING_KEYS) + ".");
    }

    @Test
    void emptyAndNonMappingDocuments() {
        assertError("", "bad.yaml: the config file is empty. Expected a mapping with keys layer_config,"
                + " projection_config, training_kwargs, dataset.");
        assertError("# only a comment\n", "bad.yaml: the config file is empty. Expected a mapping with keys"
                + " layer_config, projection_config, training_kwargs, dataset.");
        assertError("- a\n- b\n", "bad.yaml:1:1: the top level of a config must be a mapping. Expected keys"
                + " layer_config, projection_config, training_kwargs, dataset; found a list.");
    }

    @Test
    void yamlSyntaxError() {
        assertError("layer_config: {Input: [\n", "bad.yaml:2:1: not valid YAML: while parsing a flow node:"
                + " expected the node content, but found '<stream end>'.");
    }

    @Test
    void unknownDaleType() {
        String dotted = """
                layer_config:
                  Input: {E: {size: 2}}
                  Output: {E: {size: 1}}
                projection_config:
                  Output.E:
                    Input.E: {type: excitory}
                """;
        assertError(dotted, "bad.yaml:6:21: projection_config.Output.E.Input.E.type: 'excitory' is not a projection"
                + " type. Did you mean 'excitatory'? Expected one of: E, exc, excitatory, I, inh, inhibitory.");
    }

    @Test
    void typeIsOnlyAllowedInTheDottedForm() {
        assertError(replace("direction: F", "type: E"),
                "bad.yaml:18:11: projection_config.H1.E.Input.E.type: unknown key 'type'."
                        + " Expected one of: weight_init, weight_init_args, weight_constraint, weight_constraint_kwargs,"
                        + " weight_bounds, direction, update_phase, compartment, learning_rule, learning_rule_kwargs.");
    }
}
